import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { pingOnce, startRedisCluster, startRedisServer } from './index.js';

describe('redis-server process', () => {
  it('spawns a private server that answers and stops cleanly', async () => {
    const server = await startRedisServer();
    const client = new Redis(server.url);
    expect(await client.ping()).toBe('PONG');
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    client.disconnect();
    await server.stop();
    expect(await pingOnce(server.host, server.port, 300)).toBe(false);
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
