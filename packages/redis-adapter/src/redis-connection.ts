import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { ResolvedRedisAdapterOptions } from './redis-adapter-options.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export type RedisMode = 'standalone' | 'cluster' | 'sentinel';

export interface RedisConnection {
  client: Redis | Cluster;
  mode: RedisMode;
  /** Whether close() should close the client (we made it, or the caller said so). */
  owned: boolean;
}

/**
 * Calls must fail fast while Redis is away instead of queueing forever: commandTimeout bounds
 * every command, and one retry per request means the offline queue is flushed with an error at
 * the first failed reconnect. The offline queue itself stays on so the first calls, issued
 * while the socket is still connecting, are not refused.
 */
function failFast(options: ResolvedRedisAdapterOptions): RedisOptions {
  return {
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: options.connectTimeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
  };
}

export function connect(options: ResolvedRedisAdapterOptions): RedisConnection {
  if (options.client !== undefined) {
    return { client: options.client, mode: modeOf(options.client), owned: options.closeClient };
  }
  const base = { ...failFast(options), enableAutoPipelining: options.enableAutoPipelining };
  const auth = {
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.tls ? { tls: {} } : {}),
  };
  let client: Redis | Cluster;
  let mode: RedisMode = 'standalone';
  if (options.cluster !== undefined) {
    const clusterOptions: ClusterOptions = {
      enableAutoPipelining: options.enableAutoPipelining,
      enableOfflineQueue: true,
      redisOptions: { ...failFast(options), ...auth },
    };
    client = new Cluster(options.cluster, clusterOptions);
    mode = 'cluster';
  } else if (options.sentinels !== undefined) {
    client = new Redis({
      ...base,
      sentinels: options.sentinels,
      name: options.name!,
      ...auth,
      ...(auth.password === undefined ? {} : { sentinelPassword: auth.password }),
      ...(auth.username === undefined ? {} : { sentinelUsername: auth.username }),
      ...(options.tls ? { enableTLSForSentinelMode: true } : {}),
    });
    mode = 'sentinel';
  } else {
    client = new Redis(options.url ?? DEFAULT_REDIS_URL, base);
  }
  // Without a listener ioredis prints every reconnect error; callers see them as MemoryErrors.
  client.on('error', () => {});
  return { client, mode, owned: true };
}

export function isCluster(client: Redis | Cluster): client is Cluster {
  return client instanceof Cluster || (client as { isCluster?: boolean }).isCluster === true;
}

export function modeOf(client: Redis | Cluster): RedisMode {
  if (isCluster(client)) return 'cluster';
  const sentinels = (client as Redis).options?.sentinels;
  return Array.isArray(sentinels) && sentinels.length > 0 ? 'sentinel' : 'standalone';
}

export interface DuplicateOptions {
  /** For blocking reads, whose deadline the caller enforces itself. */
  withoutCommandTimeout?: boolean;
  /** CLIENT SETNAME, so operators (and tests) can tell the connection apart in CLIENT LIST. */
  connectionName?: string;
}

/** A second connection to the same server(s) with the same credentials. */
export function duplicateConnection(
  client: Redis | Cluster,
  options: DuplicateOptions = {},
): Redis | Cluster {
  const override: Partial<RedisOptions> = {};
  if (options.withoutCommandTimeout) override.commandTimeout = undefined;
  if (options.connectionName !== undefined) override.connectionName = options.connectionName;
  let copy: Redis | Cluster;
  if (isCluster(client)) {
    const redisOptions = { ...client.options.redisOptions, ...override };
    copy = client.duplicate([], { redisOptions, enableAutoPipelining: false });
  } else {
    copy = client.duplicate({ ...override, enableAutoPipelining: false });
  }
  copy.on('error', () => {});
  return copy;
}
