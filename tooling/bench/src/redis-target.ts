import { randomBytes } from 'node:crypto';
import { MemoryError, toMemoryError } from '@agent-memory/core';
import { type RedisServer, startRedisServer } from '@agent-memory/redis-server';
import { Redis } from 'ioredis';

/** The Redis every contender of a run talks to, and the bookkeeping around it. */
export interface RedisTarget {
  readonly url: string;
  readonly namespace: string;
  /** True when this run started the server: command counts are then ours alone. */
  readonly private: boolean;
  /** Raw ioredis with auto-pipelining, like the adapter's connection. */
  connect(options?: { autoPipelining?: boolean }): Redis;
  version(): Promise<string>;
  /** Total commands the server executed so far (INFO commandstats). */
  commandCount(): Promise<number>;
  /** Deletes the run's keys (SCAN + UNLINK under the namespace), closes clients, stops a private server. */
  close(): Promise<void>;
}

export async function openRedisTarget(options: { url?: string; namespace?: string }): Promise<RedisTarget> {
  let server: RedisServer | undefined;
  try {
    server = options.url ? undefined : await startRedisServer();
  } catch (error) {
    throw toMemoryError(
      error,
      'BACKEND_UNAVAILABLE',
      'cannot start a private redis-server (or pass --redis URL)',
    );
  }
  const url = options.url ?? server!.url;
  const namespace = options.namespace ?? `bench-${randomBytes(3).toString('hex')}`;
  const clients: Redis[] = [];
  const connect = (opts: { autoPipelining?: boolean } = {}) => {
    const client = new Redis(url, {
      enableAutoPipelining: opts.autoPipelining ?? true,
      maxRetriesPerRequest: 1,
    });
    client.on('error', () => {});
    clients.push(client);
    return client;
  };
  const admin = connect({ autoPipelining: false });
  try {
    await admin.ping();
  } catch (error) {
    await server?.stop();
    admin.disconnect();
    throw toMemoryError(error, 'BACKEND_UNAVAILABLE', `no Redis answers at ${url}`);
  }

  return {
    url,
    namespace,
    private: server !== undefined,
    connect,
    async version() {
      const info = await admin.info('server');
      return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    },
    async commandCount() {
      const info = await admin.info('commandstats');
      let calls = 0;
      for (const match of info.matchAll(/calls=(\d+)/g)) calls += Number(match[1]);
      return calls;
    },
    async close() {
      try {
        if (!server) await deleteNamespace(admin, namespace);
      } finally {
        for (const client of clients) client.disconnect();
        await server?.stop();
      }
    },
  };
}

/** SCAN + UNLINK: safe on a server others use (never FLUSHALL). */
async function deleteNamespace(client: Redis, namespace: string): Promise<void> {
  let cursor = '0';
  try {
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.unlink(...keys);
    } while (cursor !== '0');
    // redis-semaphore prefixes its keys with `mutex:`
    cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `mutex:${namespace}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.unlink(...keys);
    } while (cursor !== '0');
  } catch (error) {
    throw new MemoryError('BACKEND_UNAVAILABLE', `cleaning up namespace ${namespace}`, { cause: error });
  }
}
