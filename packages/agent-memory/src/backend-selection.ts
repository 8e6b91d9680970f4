import type { ShortTermAdapter } from '@agent-memory/core';
import { createLocalAdapter, type LocalAdapter } from '@agent-memory/local-adapter';
import type { RedisAdapter } from '@agent-memory/redis-adapter';
import { type MemoryConfig, redisOptions } from './config.js';
import type { MemoryLogger } from './logger.js';
import { redactRedisUrl } from './managed-redis.js';

export type ShortTermChoice =
  | { backend: 'redis'; adapter: RedisAdapter; degraded: false }
  | { backend: 'local'; adapter: LocalAdapter; degraded: boolean; reason?: string };

/**
 * Graceful degradation (DESIGN.md): Redis configured and answering → Redis; configured but silent
 * → one warning that says why and how to fix it, and the local adapter. Decided within
 * connectTimeoutMs (1 s by default); never a hang.
 */
export async function selectShortTerm(config: MemoryConfig, logger: MemoryLogger): Promise<ShortTermChoice> {
  const common = { namespace: config.namespace, ttl: config.ttl, limits: config.limits };
  const local = (): LocalAdapter =>
    createLocalAdapter({
      ...common,
      ...(config.local.snapshotPath ? { snapshotPath: config.local.snapshotPath } : {}),
    });
  const redis = redisOptions(config);
  if (!redis || config.forceLocal) return { backend: 'local', adapter: local(), degraded: false };

  const where = redis.url
    ? redactRedisUrl(redis.url)
    : redis.cluster
      ? `cluster ${redis.cluster.map((n) => `${n.host}:${n.port}`).join(',')}`
      : `sentinel master ${redis.name ?? '?'}`;
  // ioredis loads only when Redis is configured: local memory never pays for it.
  const { createRedisAdapter } = await import('@agent-memory/redis-adapter');
  const adapter = createRedisAdapter({
    ...common,
    commandTimeoutMs: redis.commandTimeoutMs,
    connectTimeoutMs: redis.connectTimeoutMs,
    ...(redis.url ? { url: redis.url } : {}),
    ...(redis.cluster ? { cluster: redis.cluster } : {}),
    ...(redis.sentinels ? { sentinels: redis.sentinels, name: redis.name } : {}),
  });
  try {
    await withDeadline(
      adapter.ping(),
      redis.connectTimeoutMs,
      `no answer within ${redis.connectTimeoutMs} ms`,
    );
    return { backend: 'redis', adapter, degraded: false };
  } catch (error) {
    await adapter.close().catch(() => {});
    const reason = `Redis at ${where} is not reachable (${(error as Error).message})`;
    logger.warn(
      { backend: 'local', redis: where },
      `${reason}; using the in-process local adapter: memory is not shared with other processes. ` +
        'Start Redis (`agent-memory serve`, or `redis-server`) or fix AGENT_MEMORY_REDIS_URL to share it.',
    );
    return { backend: 'local', adapter: local(), degraded: true, reason };
  }
}

export function isRedisAdapter(adapter: ShortTermAdapter): adapter is RedisAdapter {
  return adapter.kind === 'redis';
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
