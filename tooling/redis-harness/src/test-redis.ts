import { randomBytes } from 'node:crypto';
import { type RedisServer, startRedisServer } from '@agent-memory/redis-server';
import { Redis } from 'ioredis';

export interface TestRedis {
  readonly url: string;
  /** True when this harness spawned the server (and may do anything to it). */
  readonly owned: boolean;
  /** The spawned server, for crash tests; undefined when REDIS_URL was used. */
  readonly server: RedisServer | undefined;
  /** A namespace no other test file uses, e.g. `t-window-3f9a1c`. */
  namespace(label?: string): string;
  /** Deletes every key under `namespace:` with SCAN + UNLINK. Never FLUSHALL. */
  cleanup(namespace: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Redis for one test file: REDIS_URL when set, otherwise a private redis-server
 * on a free port with no persistence, shut down by stop().
 */
export async function useTestRedis(): Promise<TestRedis> {
  const external = process.env.REDIS_URL;
  const server = external ? undefined : await startRedisServer();
  const url = external ?? server!.url;
  const namespaces = new Set<string>();
  const cleanup = async (ns: string) => {
    const client = new Redis(url, { maxRetriesPerRequest: 1 });
    try {
      await deleteNamespace(client, ns);
    } finally {
      client.disconnect();
    }
  };
  return {
    url,
    owned: server !== undefined,
    server,
    namespace(label = 'test') {
      const ns = `t-${label}-${randomBytes(4).toString('hex')}`;
      namespaces.add(ns);
      return ns;
    },
    cleanup,
    async stop() {
      if (server) {
        await server.stop();
        return;
      }
      for (const ns of namespaces) await cleanup(ns);
    },
  };
}

/** SCAN + UNLINK every key of one namespace; safe on a server shared with others. */
export async function deleteNamespace(client: Redis, namespace: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
