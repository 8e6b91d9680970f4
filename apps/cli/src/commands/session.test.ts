import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';

let redis: TestRedis;
let onRedis: string[];
const sandbox = new CliSandbox();

beforeAll(async () => {
  redis = await useTestRedis();
  onRedis = ['--redis', redis.url, '--namespace', redis.namespace('cli-session')];
});
afterAll(async () => {
  await redis?.stop();
  sandbox.cleanup();
});

describe('agent-memory session on Redis', () => {
  it('starts, shows, touches and ends a session', async () => {
    const started = await sandbox.run([
      'session',
      'start',
      '--json',
      '--id',
      'review-42',
      '--user',
      'alice',
      '--project',
      'shop',
      '--context',
      '{"goal":"fix login"}',
      '--field',
      'branch=fix/login',
      '--ttl',
      '2h',
      ...onRedis,
    ]);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stderr).toBe('');
    const session = parseJson<{ ttlMs: number }>(started.stdout);
    expect(session).toMatchObject({
      id: 'review-42',
      userId: 'alice',
      project: 'shop',
      context: { goal: 'fix login' },
      fields: { branch: 'fix/login' },
    });
    expect(session.ttlMs).toBeGreaterThan(3_600_000);

    const shown = await sandbox.run(['session', 'show', 'review-42', ...onRedis]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^session\s+review-42$/m);
    expect(shown.stdout).toMatch(/^user\s+alice$/m);
    expect(shown.stdout).toContain('"goal": "fix login"');
    expect(shown.stdout).toMatch(/^branch\s+fix\/login$/m);

    const touched = await sandbox.run([
      'session',
      'touch',
      'review-42',
      '--ttl',
      '10m',
      '--json',
      ...onRedis,
    ]);
    expect(parseJson<{ ttlMs: number }>(touched.stdout).ttlMs).toBeLessThanOrEqual(600_000);

    const ended = await sandbox.run(['session', 'end', 'review-42', ...onRedis]);
    expect(ended.code, ended.stderr).toBe(0);
    const gone = await sandbox.run(['session', 'show', 'review-42', ...onRedis]);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe(
      'error [NOT_FOUND]: no live session "review-42" (it ended, expired, or never existed)',
    );
  });
});

describe('agent-memory session without Redis', () => {
  it('keeps sessions between calls in the embedded file under the data home', async () => {
    const started = await sandbox.run(['session', 'start', '--local', '--id', 'offline', '--json']);
    expect(started.code, started.stderr).toBe(0);
    expect(existsSync(join(sandbox.dir, 'data', 'agent-memory', 'memory.db'))).toBe(true);
    const shown = await sandbox.run(['session', 'show', 'offline', '--local', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(parseJson(shown.stdout)).toMatchObject({ id: 'offline', userId: 'tester' });
  });

  it('degrades to the embedded file with one warning when Redis does not answer, and still exits 0', async () => {
    const down = ['--redis', `redis://127.0.0.1:${await freePort()}`];
    const started = await sandbox.run(['session', 'start', '--id', 'degraded', ...down]);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain('started session degraded');
    const warnings = started.stderr.trim().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^warning: Redis at redis:\/\/127\.0\.0\.1:\d+ is not reachable .*embedded SQLite file/,
    );

    const shown = await sandbox.run(['session', 'show', 'degraded', '--json', ...down]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(parseJson(shown.stdout)).toMatchObject({ id: 'degraded' });
  });
});
