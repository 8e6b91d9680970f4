import { createMemory, type Memory, type MemoryLogger, redactRedisUrl } from 'agent-memory';

/** Where the demo looks for Redis, and why. */
export interface RedisTarget {
  url: string | undefined;
  /** `option`: --redis; `env`: AGENT_MEMORY_REDIS_URL / REDIS_URL; `default`: a quick probe of the usual port. */
  source: 'option' | 'env' | 'default' | 'none';
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** --redis wins, then the environment, then (unless told not to) the default local port. */
export function redisTarget(input: {
  redis: string | undefined;
  local: boolean;
  probe: boolean;
  env: Record<string, string | undefined>;
}): RedisTarget {
  if (input.local) return { url: undefined, source: 'none' };
  if (input.redis) return { url: input.redis, source: 'option' };
  const fromEnv = input.env.AGENT_MEMORY_REDIS_URL ?? input.env.REDIS_URL;
  if (fromEnv) return { url: fromEnv, source: 'env' };
  return input.probe ? { url: DEFAULT_REDIS_URL, source: 'default' } : { url: undefined, source: 'none' };
}

export interface OpenMemoryInput {
  target: RedisTarget;
  namespace: string;
  patternsRepo: string;
  leaseMs: number;
  /** Warnings from memory (degradation, missed heartbeats) land here instead of on stderr. */
  warnings: string[];
}

// Short TTLs: the demo's short-term state is gone minutes after it ends, even on a shared Redis.
const DEMO_TTL_MS = 10 * 60_000;

/** One Memory for one run: Redis when it answers, the in-process adapter otherwise. */
export async function openMemory(input: OpenMemoryInput): Promise<{ memory: Memory; notice?: string }> {
  const logger = collectingLogger(input.warnings);
  const { url, source } = input.target;
  const memory = await createMemory(
    {
      namespace: input.namespace,
      ...(url === undefined
        ? { forceLocal: true }
        : // Probing the default port must not make a newcomer wait: a short timeout, then local.
          { redis: { url, connectTimeoutMs: source === 'default' ? 300 : 1500 } }),
      ttl: {
        sessionMs: DEMO_TTL_MS,
        windowMs: DEMO_TTL_MS,
        findingsMs: DEMO_TTL_MS,
        fenceMs: DEMO_TTL_MS,
        eventLogMs: DEMO_TTL_MS,
        leaseMs: input.leaseMs,
      },
      patterns: { repo: input.patternsRepo, dir: 'patterns', init: true },
    },
    { logger },
  );
  if (!memory.degraded || url === undefined) return { memory };
  // createMemory's own warning went to the collector; one plain line says the same for a newcomer.
  const own = input.warnings.findIndex((w) => w.includes('is not reachable'));
  if (own >= 0) input.warnings.splice(own, 1);
  const notice =
    source === 'default'
      ? `No Redis answered at ${DEFAULT_REDIS_URL}: using the embedded SQLite file ` +
        '(start `agent-memory serve` or pass --redis URL to share memory between processes).'
      : `Redis at ${redactRedisUrl(url)} did not answer: using the embedded SQLite file instead.`;
  return { memory, notice };
}

function collectingLogger(warnings: string[]): MemoryLogger {
  const text = (obj: object | string, msg?: string) => (typeof obj === 'string' ? obj : (msg ?? ''));
  return {
    debug() {},
    info() {},
    warn: (obj, msg) => warnings.push(text(obj, msg)),
    error: (obj, msg) => warnings.push(text(obj, msg)),
  };
}
