import { freePort, type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { createMemory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';

let redis: TestRedis;
let onRedis: string[];
const sandbox = new CliSandbox();

// Two sessions, one conversation window and one claim held by a live agent, written as agents would.
beforeAll(async () => {
  redis = await useTestRedis();
  const namespace = redis.namespace('cli-status');
  onRedis = ['--redis', redis.url, '--namespace', namespace];
  const memory = await createMemory(
    { redis: redis.url, namespace, patterns: false },
    { logger: silentLogger },
  );
  try {
    await memory.sessions.start({ id: 's1', userId: 'alice' });
    await memory.sessions.start({ id: 's2', userId: 'bob' });
    await memory.conversation('alice').append({ role: 'user', content: 'hello' });
    const alice = memory.agent('alice', { role: 'contributor' });
    await alice.claim('review-auth', { heartbeat: false, leaseMs: 600_000 });
    await alice.join();
  } finally {
    await memory.close();
  }
});
afterAll(async () => {
  await redis?.stop();
  sandbox.cleanup();
});

interface Status {
  backend: string;
  degraded: boolean;
  healthy: boolean;
  store?: { summary: string; details: Record<string, string | number | boolean | null> };
  keys: Record<string, number>;
  sessions: number;
  activeClaims: number;
  agents: { id: string; holds: string[] }[];
}

describe('agent-memory status', () => {
  it('reports Redis, key counts per kind, sessions, claims and agents of the namespace', async () => {
    const result = await sandbox.run(['status', '--json', ...onRedis]);
    expect(result.code, result.stderr).toBe(0);
    const status = parseJson<Status>(result.stdout);
    expect(status).toMatchObject({
      backend: 'redis',
      degraded: false,
      healthy: true,
      sessions: 2,
      activeClaims: 1,
    });
    expect(String(status.store?.details.version)).toMatch(/^\d+\.\d+/);
    expect(Number(status.store?.details.roundTripMs)).toBeGreaterThanOrEqual(0);
    expect(Number(status.store?.details.usedMemoryBytes)).toBeGreaterThan(0);
    expect(status.keys).toMatchObject({ sessions: 2, windows: 1, leases: 1 });
    expect(status.agents).toEqual([expect.objectContaining({ id: 'alice', holds: ['review-auth'] })]);

    const human = await sandbox.run(['status', ...onRedis]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^backend\s+redis redis:\/\/127\.0\.0\.1:\d+ \(Redis \d/m);
    expect(human.stdout).toMatch(/^health\s+ok$/m);
    expect(human.stdout).toMatch(/^agents\s+1 alive: alice \(contributor\) holds review-auth$/m);
  });

  it('exits 1 when the configured Redis is down (degraded to local), with the reason', async () => {
    const result = await sandbox.run([
      'status',
      '--json',
      '--redis',
      `redis://127.0.0.1:${await freePort()}`,
    ]);
    expect(result.code).toBe(1);
    expect(parseJson(result.stdout)).toMatchObject({ backend: 'sqlite', degraded: true, healthy: true });
    expect(result.stderr).toMatch(/^warning: Redis at .* is not reachable/);
  });

  it('exits 0 on the local backend when --local is given, even with Redis configured', async () => {
    const forced = await sandbox.run(['status', '--local', ...onRedis]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^backend\s+sqlite \(SQLite file .*memory\.db/m);
    expect(forced.stdout).toMatch(/^store\s+file .*wal true/m);
  });
});
