import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { createMemory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';

let redis: TestRedis;
let onRedis: string[];
const sandbox = new CliSandbox();

// Two agents claim a task each, as agents would: task_claimed then agent_joined, per agent.
beforeAll(async () => {
  redis = await useTestRedis();
  const namespace = redis.namespace('cli-events');
  onRedis = ['--redis', redis.url, '--namespace', namespace];
  const memory = await createMemory(
    { redis: redis.url, namespace, patterns: false },
    { logger: silentLogger },
  );
  try {
    for (const [task, agentId] of [
      ['t1', 'alice'],
      ['t2', 'bob'],
    ] as const) {
      const agent = memory.agent(agentId, { role: 'contributor' });
      await agent.claim(task, { heartbeat: false });
      await agent.join();
    }
  } finally {
    await memory.close();
  }
});
afterAll(async () => {
  await redis?.stop();
  sandbox.cleanup();
});

interface Line {
  id: string | null;
  event: { event: string; agent_id: string; task_id?: string };
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => parseJson<Line>(l));

describe('agent-memory events tail', () => {
  it('prints recent events from the audit log, oldest first, filtered, and exits', async () => {
    const all = await sandbox.run(['events', 'tail', '--json', ...onRedis]);
    expect(all.code, all.stderr).toBe(0);
    expect(lines(all.stdout).map((l) => `${l.event.event}:${l.event.agent_id}`)).toEqual([
      'task_claimed:alice',
      'agent_joined:alice',
      'task_claimed:bob',
      'agent_joined:bob',
    ]);
    expect(lines(all.stdout).every((l) => typeof l.id === 'string')).toBe(true);

    const last = await sandbox.run(['events', 'tail', '-n', '1', '--type', 'task_*', ...onRedis]);
    expect(last.stdout.trim().split('\n')).toHaveLength(1);
    expect(last.stdout).toMatch(/task_claimed\s+bob\s+task_id=t2/);
  });

  it('--follow prints events published by other processes until SIGTERM', async () => {
    const tail = sandbox.spawn([
      'events',
      'tail',
      '--follow',
      '-n',
      '1',
      '--task',
      't3',
      '--json',
      ...onRedis,
    ]);
    await tail.stderrIncludes('following agent:events');
    const claimed = await sandbox.run(['tasks', 'claim', 't3', '--agent', 'carol', ...onRedis]);
    expect(claimed.code, claimed.stderr).toBe(0);
    const live = parseJson<Line>(await tail.line((l) => l.includes('task_claimed')));
    expect(live).toMatchObject({
      id: null,
      event: { event: 'task_claimed', agent_id: 'carol', task_id: 't3' },
    });
    tail.kill('SIGTERM');
    const exit = await tail.exited;
    expect(exit.code, exit.stderr).toBe(0);
    // --task t3 kept the agent_joined event (no task) out.
    expect(lines(exit.stdout).map((l) => l.event.event)).toEqual(['task_claimed']);
  });
});

describe('agent-memory audit', () => {
  it('replays the trail with filters, as a table or a JSON array', async () => {
    const json = await sandbox.run(['audit', '--agent', 'alice', '--since', '1h', '--json', ...onRedis]);
    expect(json.code, json.stderr).toBe(0);
    const entries = parseJson<Line[]>(json.stdout);
    expect(entries.map((e) => e.event.event)).toEqual(['task_claimed', 'agent_joined']);

    const table = await sandbox.run(['audit', '--task', 't2', ...onRedis]);
    expect(table.stdout).toMatch(/^\d+-\d+\s+\d\d:\d\d:\d\d\s+task_claimed\s+bob\s+task_id=t2/m);

    const resumed = await sandbox.run([
      'audit',
      '--after',
      entries[0]!.id!,
      '--limit',
      '1',
      '--json',
      ...onRedis,
    ]);
    expect(parseJson<Line[]>(resumed.stdout)).toMatchObject([
      { event: { event: 'agent_joined', agent_id: 'alice' } },
    ]);

    const future = await sandbox.run(['audit', '--since', '2999-01-01T00:00:00Z', ...onRedis]);
    expect(future.stdout.trim()).toBe('no audit entries match');
  });
});
