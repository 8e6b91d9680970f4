import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { Redis } from 'ioredis';
import { createRedisAdapter, type RedisAdapter, type RedisAdapterOptions } from '../src/index.js';

export interface RedisFixture {
  redis: TestRedis;
  /** A plain ioredis client, for writing and inspecting keys the way another agent would. */
  raw: Redis;
  namespace: string;
  /** An adapter on this file's namespace; closed by teardown. */
  adapter(options?: RedisAdapterOptions): RedisAdapter;
  teardown(): Promise<void>;
}

/** One real Redis and one namespace per test file, cleaned up at the end. */
export async function useRedisFixture(label: string): Promise<RedisFixture> {
  const redis = await useTestRedis();
  const namespace = redis.namespace(label);
  const raw = new Redis(redis.url);
  const adapters: RedisAdapter[] = [];
  return {
    redis,
    raw,
    namespace,
    adapter(options = {}) {
      const adapter = createRedisAdapter({ url: redis.url, namespace, ...options });
      adapters.push(adapter);
      return adapter;
    },
    async teardown() {
      await Promise.all(adapters.map((a) => a.close()));
      await redis.cleanup(namespace);
      raw.disconnect();
      await redis.stop();
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true (no timing assertions: only an upper bound). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
