import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';

let redis: TestRedis;
let onRedis: string[];
const sandbox = new CliSandbox();

beforeAll(async () => {
  redis = await useTestRedis();
  onRedis = ['--redis', redis.url, '--namespace', redis.namespace('cli-tasks')];
});
afterAll(async () => {
  await redis?.stop();
  sandbox.cleanup();
});

interface Claimed {
  taskId: string;
  agentId: string;
  token: number;
  expiresAt: number;
}

async function claim(task: string, agent: string, ...extra: string[]) {
  return sandbox.run(['tasks', 'claim', task, '--agent', agent, '--json', ...extra, ...onRedis]);
}

describe('agent-memory tasks', () => {
  it('claims exclusively, lists who holds what, and completes once with the fencing token', async () => {
    const won = await claim('review-auth', 'alice', '--lease', '10m');
    expect(won.code, won.stderr).toBe(0);
    const held = parseJson<Claimed>(won.stdout);
    expect(held).toMatchObject({ taskId: 'review-auth', agentId: 'alice' });
    expect(held.token).toBeGreaterThan(0);

    const lost = await claim('review-auth', 'bob');
    expect(lost.code).toBe(1);
    expect(lost.stdout).toBe('');
    expect(lost.stderr).toMatch(
      /^error \[CONFLICT\]: cannot claim review-auth: it is held by alice \(token \d+\), expires in 9m/,
    );

    const listed = await sandbox.run(['tasks', '--json', ...onRedis]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(parseJson(listed.stdout)).toMatchObject({
      tasks: [{ taskId: 'review-auth', agentId: 'alice', role: 'contributor', token: held.token }],
      agentsAlive: 1,
    });
    const table = await sandbox.run(['tasks', ...onRedis]);
    expect(table.stdout).toMatch(/^TASK\s+OWNER\s+ROLE\s+TOKEN\s+EXPIRES$/m);
    expect(table.stdout).toMatch(
      new RegExp(`^review-auth\\s+alice\\s+contributor\\s+${held.token}\\s+in 9m`, 'm'),
    );

    const stale = await sandbox.run([
      'tasks',
      'complete',
      'review-auth',
      '--agent',
      'alice',
      '--token',
      String(held.token + 1),
      ...onRedis,
    ]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^error \[LEASE_LOST\]/);

    const done = await sandbox.run([
      'tasks',
      'complete',
      'review-auth',
      '--agent',
      'alice',
      '--token',
      String(held.token),
      '--result',
      '{"fixed":true}',
      '--json',
      ...onRedis,
    ]);
    expect(done.code, done.stderr).toBe(0);
    expect(parseJson(done.stdout)).toMatchObject({
      taskId: 'review-auth',
      agentId: 'alice',
      result: { fixed: true },
    });

    const owner = await sandbox.run(['tasks', 'owner', 'review-auth', ...onRedis]);
    expect(owner.stdout).toMatch(/^review-auth: completed by alice/);
    const again = await claim('review-auth', 'bob');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('it is completed by alice');
  });

  it('releases only for the holder, after which the task is free', async () => {
    const held = parseJson<Claimed>((await claim('refactor-db', 'carol')).stdout);
    const notHolder = await sandbox.run(['tasks', 'release', 'refactor-db', '--agent', 'dave', ...onRedis]);
    expect(notHolder.code).toBe(1);
    expect(notHolder.stderr).toMatch(
      /^error \[LEASE_LOST\]: dave does not hold refactor-db: it is held by carol/,
    );
    const released = await sandbox.run([
      'tasks',
      'release',
      'refactor-db',
      '--agent',
      'carol',
      '--token',
      String(held.token),
      ...onRedis,
    ]);
    expect(released.code, released.stderr).toBe(0);
    expect(released.stdout.trim()).toBe('carol released refactor-db');

    const owner = await sandbox.run(['tasks', 'owner', 'refactor-db', '--json', ...onRedis]);
    expect(parseJson(owner.stdout)).toMatchObject({ taskId: 'refactor-db', owner: null, completion: null });
    const listed = parseJson<{ tasks: Claimed[] }>(
      (await sandbox.run(['tasks', '--json', ...onRedis])).stdout,
    );
    expect(listed.tasks.map((t) => t.taskId)).not.toContain('refactor-db');
  });

  it('refuses a bad task id as a usage error, exit 2', async () => {
    const badId = await claim('task*', 'alice');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/^error \[INVALID_INPUT\]: invalid task id "task\*"/);
  });
});
