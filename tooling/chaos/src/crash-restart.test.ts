import { type RedisServer, startRedisServer } from '@agent-memory/redis-harness';
import { createMemory, type Memory, type MemoryLogger } from 'agent-memory';
import { afterAll, describe, expect, it } from 'vitest';
import { codeOf, eventually, measureRecovery, sleep } from './chaos-helpers.js';

// Each test spawns its own server with the persistence it is about, and SIGKILLs it mid-workload.
const servers: RedisServer[] = [];
const memories: Memory[] = [];
afterAll(async () => {
  await Promise.allSettled(memories.map((m) => m.close()));
  await Promise.allSettled(servers.map((s) => s.stop()));
});

/** Counts the coordination errors createMemory logs, to tell an audited publish from one that was not. */
function countingLogger(): MemoryLogger & { warnings: number } {
  const logger = { warnings: 0, debug() {}, info() {}, error() {}, warn() {} } as MemoryLogger & {
    warnings: number;
  };
  logger.warn = () => {
    logger.warnings++;
  };
  return logger;
}

async function serverWith(fsync: 'always' | 'everysec' | 'none-persistence'): Promise<RedisServer> {
  const args = fsync === 'none-persistence' ? [] : ['--appendonly', 'yes', '--appendfsync', fsync];
  const server = await startRedisServer({ args });
  servers.push(server);
  return server;
}

async function open(server: RedisServer, logger: MemoryLogger = countingLogger()): Promise<Memory> {
  const memory = await createMemory(
    {
      namespace: 'chaos-crash',
      redis: { url: server.url, commandTimeoutMs: 500, connectTimeoutMs: 2000 },
      patterns: false,
    },
    { logger },
  );
  memories.push(memory);
  return memory;
}

describe('redis SIGKILLed and restarted mid-workload', () => {
  it('appendfsync always: no acknowledged finding or audit entry is lost; clients reconnect, subscribers resubscribe', async () => {
    const server = await serverWith('always');
    const logger = countingLogger();
    const writer = await open(server, logger);
    const listener = await open(server);
    const agent = writer.agent('agent-w');
    const heard: number[] = [];
    await listener.events.subscribe((event) => {
      if (event.event === 'analysis_complete') heard.push(event.findings_count);
    });

    const ackedFindings: string[] = [];
    const ackedEvents: number[] = [];
    const failures = new Set<string>();
    let killedAt = 0;
    for (let i = 0; i < 400 && (killedAt === 0 || Date.now() - killedAt < 60_000); i++) {
      if (i === 60) {
        killedAt = Date.now();
        await server.kill('SIGKILL');
        // Restart in the background while the workload keeps going.
        void sleep(300).then(() => server.restart());
      }
      const id = `f-${i}`;
      const share = await codeOf(
        agent.share('crash-task', { id, subject: `s${i}`, verdict: 'ok', confidence: 1 }),
      );
      if (share === 'resolved') ackedFindings.push(id);
      else failures.add(share);
      const before = logger.warnings;
      const publish = await codeOf(
        agent.publish({ event: 'analysis_complete', task_id: 'crash-task', findings_count: i }),
      );
      if (publish === 'resolved' && logger.warnings === before) ackedEvents.push(i);
      else if (publish !== 'resolved') failures.add(publish);
      if (killedAt !== 0 && ackedFindings.length > 60 + 20) break;
    }
    // Only the typed error while the server was away.
    expect([...failures].filter((c) => c !== 'BACKEND_UNAVAILABLE')).toEqual([]);
    expect(ackedFindings.length).toBeGreaterThan(80);

    const stored = new Set((await writer.findings.list('crash-task')).map((f) => f.id));
    expect(ackedFindings.filter((id) => !stored.has(id))).toEqual([]);
    const audited = new Set(
      (await writer.audit({ taskId: 'crash-task' })).map((e) =>
        'findings_count' in e.event ? e.event.findings_count : -1,
      ),
    );
    expect(ackedEvents.filter((m) => !audited.has(m))).toEqual([]);
    console.log(
      `[chaos] AOF always: ${ackedFindings.length} findings and ${ackedEvents.length} audit entries acknowledged, none lost`,
    );

    // The listener's subscription came back on its own: a new event reaches it.
    await eventually(
      async () => {
        await agent.publish({ event: 'analysis_complete', task_id: 'crash-task', findings_count: 9999 });
        return heard.includes(9999);
      },
      20_000,
      'resubscribed listener hears a new event',
    );
  });

  it('appendfsync everysec: what was acknowledged before the last fsync second survives', async () => {
    const server = await serverWith('everysec');
    const memory = await open(server);
    const log = memory.adapter.log;
    const early: string[] = [];
    for (let i = 0; i < 50; i++) early.push((await log.append('trail', { i }))!);
    // Past the documented window (fsync once a second, writes stall after 2 s of a slow fsync).
    await sleep(2_500);
    const late: string[] = [];
    for (let i = 50; i < 100; i++) late.push((await log.append('trail', { i }))!);
    await server.kill('SIGKILL');
    await server.restart();
    const { value: entries } = await measureRecovery(
      'standalone SIGKILL+restart (everysec)',
      Date.now(),
      () => log.range('trail'),
    );
    const ids = new Set(entries.map((e) => e.id));
    expect(early.filter((id) => !ids.has(id))).toEqual([]);
    console.log(
      `[chaos] AOF everysec: ${late.filter((id) => !ids.has(id)).length} of ${late.length} entries acknowledged in the last second before SIGKILL were lost`,
    );
  });

  it('leases across a restart: held ones stay held (AOF), lapsed ones move on, fencing tokens never repeat', async () => {
    const server = await serverWith('always');
    const memory = await open(server);
    const held = await memory.tasks.claim('long', 'agent-a', { heartbeat: false, leaseMs: 60_000 });
    const short = await memory.tasks.claim('short', 'agent-a', { heartbeat: false, leaseMs: 200 });

    await server.kill('SIGKILL');
    await sleep(400); // the short lease lapses while the server is down (expiry is absolute in the AOF)
    await server.restart();
    await measureRecovery('standalone SIGKILL+restart (always)', Date.now(), () =>
      memory.tasks.owner('long'),
    );

    expect((await memory.tasks.owner('long'))?.agentId).toBe('agent-a');
    expect(await memory.tasks.claim('long', 'agent-b', { heartbeat: false })).toBeNull();
    const taken = await memory.tasks.claim('short', 'agent-b', { heartbeat: false, leaseMs: 60_000 });
    expect(taken!.token).toBeGreaterThan(short!.token);
    expect(await codeOf(memory.tasks.complete(short!, { stale: true }))).toBe('LEASE_LOST');
    expect(await memory.tasks.release(held!)).toBe(true);
    const next = await memory.tasks.claim('long', 'agent-b', { heartbeat: false });
    // Every claim of a task carries a larger token than the one before: the fence was persisted.
    expect(next!.token).toBeGreaterThan(held!.token);
  });

  it('without persistence the server forgets leases and fences: tokens restart (documented)', async () => {
    const server = await serverWith('none-persistence');
    const memory = await open(server);
    const before = await memory.tasks.claim('t', 'agent-a', { heartbeat: false, leaseMs: 60_000 });
    await server.kill('SIGKILL');
    await server.restart();
    await measureRecovery('standalone SIGKILL+restart (no persistence)', Date.now(), () =>
      memory.tasks.owner('t'),
    );
    const after = await memory.tasks.claim('t', 'agent-b', { heartbeat: false, leaseMs: 60_000 });
    // agent-a's claim is gone and agent-b got a token no greater than agent-a's: this is why
    // docs/operations.md asks for AOF when fencing tokens guard external writes.
    expect(after).not.toBeNull();
    expect(after!.token).toBeLessThanOrEqual(before!.token);
    // Owner and token together still refuse agent-a: it cannot release agent-b's lease.
    expect(await memory.tasks.release(before!)).toBe(false);
    expect((await memory.tasks.owner('t'))?.agentId).toBe('agent-b');
  });
});
