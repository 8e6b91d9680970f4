import { type RedisCluster, startRedisCluster } from '@agent-memory/redis-harness';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, eventually, measureRecovery, scanCluster } from './chaos-helpers.js';

// Three masters with one replica each, private to this file: the last test kills a master.
let cluster: RedisCluster;
let raw: Cluster;
const memories: Memory[] = [];
const ns = 'chaos-cluster';

const open = async () => {
  const memory = await createMemory(
    {
      namespace: ns,
      redis: { cluster: cluster.startupNodes, commandTimeoutMs: 1000, connectTimeoutMs: 5000 },
      patterns: false,
    },
    { logger: silentLogger },
  );
  memories.push(memory);
  return memory;
};

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
  raw = new Cluster(cluster.startupNodes, { redisOptions: { maxRetriesPerRequest: 1 } });
  raw.on('error', () => {});
}, 90_000);

afterAll(async () => {
  await Promise.allSettled(memories.map((m) => m.close()));
  raw?.disconnect();
  await cluster?.stop();
});

const tasks = Array.from({ length: 24 }, (_, i) => `task-${i}`);

describe('agent-memory on a 3-master / 3-replica cluster', () => {
  it('runs every port and the coordination workflow, spread over all masters', async () => {
    const a = await open();
    const b = await open();
    expect(a.backend).toBe('redis');
    const received: string[] = [];
    const subscription = await b.events.subscribe((event) => received.push(event.event));

    const session = await a.sessions.start({ userId: 'alice', project: 'p', context: { goal: 'x' } });
    await a.sessions.update(session.id, { context: { goal: 'y' } });
    expect(await b.sessions.get(session.id)).toMatchObject({ userId: 'alice', context: { goal: 'y' } });
    await a.conversation('alice').appendMany([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'two' },
    ]);
    expect((await b.conversation('alice').recent(5)).map((m) => m.content)).toEqual(['two', 'one']);

    for (const task of tasks) {
      const claim = await a.tasks.claim(task, 'agent-a', { heartbeat: false });
      expect(claim).not.toBeNull();
      expect(await b.tasks.claim(task, 'agent-b', { heartbeat: false })).toBeNull();
      await a.agent('agent-a').share(task, { subject: `src/${task}.ts`, verdict: 'bug', confidence: 0.9 });
      if (task.endsWith('0')) await a.tasks.complete(claim!, { ok: true });
    }
    expect(await b.findings.list('task-7')).toHaveLength(1);
    expect((await b.tasks.owner('task-7'))?.agentId).toBe('agent-a');
    const audit = await b.audit({ taskId: 'task-10' });
    expect(audit.map((e) => e.event.event)).toEqual(
      expect.arrayContaining(['task_claimed', 'finding_shared', 'task_completed']),
    );
    await eventually(() => received.includes('task_completed'), 10_000, 'event across nodes');
    await subscription.unsubscribe();

    // Keys of one task live on one master; the tasks themselves spread over all three.
    const byMaster = await scanCluster(raw, `${ns}:*`);
    expect(byMaster.size).toBe(3);
    const owners = new Map<string, string>();
    for (const [master, keys] of byMaster) {
      for (const key of keys) {
        const tag = /\{([^}]+)\}/.exec(key)?.[1];
        if (!tag) continue;
        expect(owners.get(tag) ?? master, `keys of {${tag}} on one master`).toBe(master);
        owners.set(tag, master);
      }
    }
    const mastersWithTasks = new Set(tasks.map((t) => owners.get(t)));
    console.log(`[chaos] key distribution: ${[...byMaster].map(([m, k]) => `${m}=${k.length}`).join(', ')}`);
    expect(mastersWithTasks.size).toBe(3);

    // Namespace-wide counts add up over every master.
    const status = await a.status();
    const total = [...byMaster.values()].reduce((n, keys) => n + keys.length, 0);
    expect(status).toMatchObject({ healthy: true, store: { details: { mode: 'cluster' } } });
    expect(Object.values(status.keys).reduce((n, c) => n + c, 0)).toBe(total);
    expect(status.keys.leases).toBe(tasks.length - 3);
    expect((await a.adapter.countKeys()).findings).toBe(tasks.length);

    // Purge a task whose keys sit on each master: lease, findings, completion all gone.
    const steward = a.agent('steward', { role: 'steward' });
    for (const task of ['task-1', 'task-2', 'task-3', 'task-4', 'task-5']) {
      expect(await steward.purge(task)).toMatchObject({ releasedFrom: 'agent-a', findingsCleared: 1 });
      expect(await b.tasks.owner(task)).toBeNull();
      expect(await b.findings.list(task)).toEqual([]);
    }
  });

  it('resumes after a master is killed and its replica promoted (window measured)', async () => {
    const memory = await open();
    const task = 'failover-task';
    const first = await memory.tasks.claim(task, 'agent-a', { heartbeat: false, leaseMs: 60_000 });
    expect(first).not.toBeNull();
    await memory.agent('agent-a').share(task, { subject: 'f', verdict: 'ok', confidence: 1 });
    const key = `${ns}:task:{${task}}:findings`;
    const slot = Number(await raw.cluster('KEYSLOT', key));
    const slots = await raw.cluster('SLOTS');
    const port = slots.find(([from, to]) => slot >= from && slot <= to)![2]![1];
    const master = cluster.nodes.find((n) => n.port === port)!;
    const direct = raw.nodes('master').find((n) => n.options.port === port)!;
    // The replica has caught up (same offset) before the master dies: nothing acknowledged is lost.
    await eventually(
      async () => {
        const info = await direct.info('replication');
        const offset = /master_repl_offset:(\d+)/.exec(info)?.[1];
        return offset !== undefined && new RegExp(`slave0:.*state=online,offset=${offset},`).test(info);
      },
      30_000,
      'replica in sync',
    );

    const killedAt = Date.now();
    await master.kill('SIGKILL');
    const { value: findings } = await measureRecovery(
      'cluster master SIGKILL -> failover (read of a key on that master)',
      killedAt,
      () => memory.findings.list(task),
      60_000,
    );
    expect(findings.map((f) => f.subject)).toEqual(['f']);
    // The lease survived on the promoted replica: another agent still cannot take the task.
    expect(await memory.tasks.claim(task, 'agent-b', { heartbeat: false })).toBeNull();
    const released = await memory.tasks.release(first!);
    expect(released).toBe(true);
    const second = await memory.tasks.claim(task, 'agent-b', { heartbeat: false });
    expect(second!.token).toBeGreaterThan(first!.token);
    // Calls on the other masters never stopped working; the killed node stays down (stop() is a no-op).
    expect(await codeOf(memory.sessions.start({ userId: 'bob' }))).toBe('resolved');
  });
});
