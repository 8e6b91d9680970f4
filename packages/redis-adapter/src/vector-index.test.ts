import { createKeyspace, vectorKeys } from '@agent-memory/core';
import { expectMemoryError } from '@agent-memory/core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestRedis, useTestRedis } from '../test/redis-servers.js';
import { createRedisAdapter } from './index.js';

// One private redis-server for the whole file; every test gets a fresh namespace from the suite.
let redis: TestRedis;
beforeAll(async () => {
  redis = await useTestRedis();
});
afterAll(() => redis.stop());

// The VectorIndex conformance suite runs with every other port in conformance.test.ts.

describe('redis vector index wire format', () => {
  it('stores float32 little-endian bytes in a hash field, attributes as JSON, every key with a TTL', async () => {
    const namespace = redis.namespace('vec-wire');
    const adapter = createRedisAdapter({ url: redis.url, namespace });
    const raw = new Redis(redis.url);
    try {
      await adapter.vectors.upsert('docs', [{ id: 'a', vector: [1.5, -2], attributes: { kind: 'x' } }], {
        ttlMs: 60_000,
      });
      const k = vectorKeys(createKeyspace(namespace), 'docs');
      expect(k.vectors).toBe(`${namespace}:vec:{docs}`);
      const bytes = await raw.hgetBuffer(k.vectors, 'a');
      expect(bytes?.length).toBe(8);
      expect([bytes!.readFloatLE(0), bytes!.readFloatLE(4)]).toEqual([1.5, -2]);
      expect(JSON.parse((await raw.hget(k.attributes, 'a'))!)).toEqual({ kind: 'x' });
      expect(await raw.hget(k.meta, 'dim')).toBe('2');
      for (const key of [k.vectors, k.attributes, k.revisions, k.meta]) {
        const ttl = await raw.pttl(key);
        expect(ttl).toBeGreaterThan(50_000);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }
      // another client (another language) writing garbage bytes is CORRUPT_DATA, never a crash
      await raw.hset(k.vectors, 'bad', Buffer.from([1, 2, 3]));
      await raw.hset(k.attributes, 'bad', '{}');
      await raw.zadd(k.revisions, 99, 'bad');
      await raw.hincrby(k.meta, 'rev', 1);
      await expectMemoryError('corrupt vector', () => adapter.vectors.search('docs', [1, 0]), 'CORRUPT_DATA');
    } finally {
      raw.disconnect();
      await adapter.close();
      await redis.cleanup(namespace);
    }
  });
});
