import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { useTestRedis } from './index.js';

describe('useTestRedis', () => {
  it('cleans only its own namespace', async () => {
    const redis = await useTestRedis();
    const ns = redis.namespace('harness');
    const other = redis.namespace('other');
    expect(ns).not.toBe(other);
    const client = new Redis(redis.url);
    await client.set(`${ns}:a`, '1', 'EX', 60);
    await client.set(`${other}:b`, '1', 'EX', 60);
    await redis.cleanup(ns);
    expect(await client.exists(`${ns}:a`)).toBe(0);
    expect(await client.exists(`${other}:b`)).toBe(1);
    await redis.cleanup(other);
    client.disconnect();
    await redis.stop();
  });
});
