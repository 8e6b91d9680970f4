import {
  type AdapterContext,
  findAdapter,
  MemoryError,
  parseInput,
  RedisConfigSchema,
  registerAdapter,
  type ShortTermAdapter,
} from '@agent-memory/core';
import { defaultSqlitePath, legacySnapshotPath } from './data-home.js';
import { redactRedisUrl } from './redis-url.js';

/** The backend used when no Redis is configured or Redis does not answer. */
export const EMBEDDED_DEFAULT_KIND = 'sqlite';

// Each built-in imports its package only when chosen, so a process on one backend never loads the
// others' drivers (a CLI call on Redis does not load the embedded store, and the reverse).
const builtins = [
  {
    kind: 'redis',
    scope: 'network',
    description:
      'Redis (standalone, Sentinel or Cluster through ioredis): shared by every process that reaches it',
    create: openRedis,
  },
  {
    kind: 'sqlite',
    scope: 'machine',
    description: 'the embedded SQLite file every process on this machine shares',
    create: openSqlite,
  },
  {
    kind: 'memory',
    aliases: ['local'],
    scope: 'process',
    description: 'in-process memory for tests and examples: not shared, gone when the process exits',
    async create(context: AdapterContext): Promise<ShortTermAdapter> {
      const { createLocalAdapter } = await import('@agent-memory/local-adapter');
      const { options, env: _env, ...common } = context;
      const snapshotPath = typeof options.snapshotPath === 'string' ? options.snapshotPath : undefined;
      return createLocalAdapter({ ...common, ...(snapshotPath ? { snapshotPath } : {}) });
    },
  },
] as const;

/** Registers `redis`, `sqlite` and `memory` (alias `local`); safe to call more than once. */
export function registerBuiltinAdapters(): void {
  for (const registration of builtins) {
    if (findAdapter(registration.kind) !== registration) registerAdapter(registration);
  }
}

/** Where a Redis config points, without credentials (for warnings and status). */
export function describeRedisTarget(options: Record<string, unknown>): string {
  const redis = RedisConfigSchema.safeParse(options);
  if (!redis.success) return 'redis (invalid options)';
  const { url, cluster, name } = redis.data;
  if (url) return redactRedisUrl(url);
  if (cluster) return `cluster ${cluster.map((n) => `${n.host}:${n.port}`).join(',')}`;
  return `sentinel master ${name ?? '?'}`;
}

/**
 * Opens the embedded file (`options.path`, else AGENT_MEMORY_SQLITE, else the data home) and, once,
 * moves an old in-process snapshot into it. A file that cannot serve is thrown, never replaced by
 * in-process memory.
 */
async function openSqlite(context: AdapterContext): Promise<ShortTermAdapter> {
  const { options, env, ...common } = context;
  const path = typeof options.path === 'string' ? options.path : defaultSqlitePath(env);
  const synchronous = options.synchronous === 'full' ? 'full' : undefined;
  const { createSqliteAdapter } = await import('@agent-memory/sqlite-adapter');
  const adapter = createSqliteAdapter({ ...common, path, ...(synchronous ? { synchronous } : {}) });
  const snapshot =
    typeof options.importSnapshot === 'string' ? options.importSnapshot : legacySnapshotPath(env);
  if (options.importSnapshot !== false) {
    const { importLocalSnapshot } = await import('./snapshot-import.js');
    const { defaultLogger } = await import('./logger.js');
    const logger =
      (options.logger as Parameters<typeof importLocalSnapshot>[2] | undefined) ?? defaultLogger();
    try {
      await importLocalSnapshot(snapshot, adapter, logger);
    } catch (error) {
      await adapter.close();
      throw error;
    }
  }
  return adapter;
}

/**
 * Connects and waits for one PING within connectTimeoutMs: a Redis that does not answer is
 * BACKEND_UNAVAILABLE (createMemory degrades from it), never a hang.
 */
async function openRedis(context: AdapterContext): Promise<ShortTermAdapter> {
  const { options, env: _env, ...common } = context;
  const redis = parseInput(RedisConfigSchema, options, 'redis config');
  if (!redis.url && !redis.cluster && !redis.sentinels) {
    throw new MemoryError(
      'INVALID_INPUT',
      'backend "redis" needs a server: set AGENT_MEMORY_REDIS_URL (or config "redis") to redis://host:port',
      { details: { field: 'redis' } },
    );
  }
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
    return adapter;
  } catch (error) {
    await adapter.close().catch(() => {});
    throw new MemoryError(
      'BACKEND_UNAVAILABLE',
      `Redis at ${describeRedisTarget(options)} is not reachable (${(error as Error).message})`,
      { cause: error },
    );
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
