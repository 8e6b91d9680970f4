import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedisCluster, startRedisServer, useTestRedis } from './index.js';

describe('redis harness', () => {
  it('spawns a private server that answers and stops cleanly', async () => {
    const server = await startRedisServer();
    const client = new Redis(server.url);
    expect(await client.ping()).toBe('PONG');
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    client.disconnect();
    await server.stop();
    const after = new Redis(server.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    after.on('error', () => {});
    await expect(after.connect()).rejects.toThrow();
    after.disconnect();
  });

  it('restarts after a SIGKILL on the same port', async () => {
    const server = await startRedisServer();
    await server.kill('SIGKILL');
    await server.restart();
    const client = new Redis(server.url);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    await server.stop();
  });

  describe('useTestRedis', () => {
    const pending: Promise<unknown>[] = [];
    afterAll(async () => {
      await Promise.all(pending);
    });

    it('cleans only its own namespace', async () => {
      const redis = await useTestRedis();
      const ns = redis.namespace('harness');
      const other = redis.namespace('other');
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

  it('starts a 3-master cluster that accepts writes on every slot', async () => {
    const cluster = await startRedisCluster({ masters: 3 });
    try {
      const client = new Redis.Cluster(cluster.startupNodes);
      for (let i = 0; i < 20; i++) await client.set(`k${i}`, String(i));
      expect(await client.get('k7')).toBe('7');
      await client.quit();
    } finally {
      await cluster.stop();
    }
  }, 60_000);
});
