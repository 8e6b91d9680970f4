import { type AgentEvent, compareStreamIds } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { MemoryPatternStore } from '../test/memory-pattern-store.js';
import { withAuditIdentity } from './audit-identity.js';
import type { Coordinator } from './coordinator.js';

const backends = testBackends();
const taskOf = (e: AgentEvent) => ('task_id' in e ? e.task_id : undefined);

describe.each(backends)('audit trail on $kind', (backend) => {
  let world: World;
  let coord: Coordinator;
  let reported: string[];

  beforeEach(async () => {
    world = await backend.world({ label: 'audit', manualClock: true });
    reported = [];
    coord = await world.coordinator({
      patterns: new MemoryPatternStore(),
      logStream: 'audit-test',
      onError: (e) => reported.push(e.code),
    });
  });
  afterEach(() => world.dispose());

  it('replays every coordination step, filtered by task, agent and time', async () => {
    const alice = coord.agent('alice', { role: 'contributor' });
    const bob = coord.agent('bob', { role: 'validator' });
    await alice.join();
    const claim = (await alice.claim('t1', { heartbeat: false }))!;
    const f = await alice.share('t1', { subject: 's', verdict: 'bug', confidence: 0.9 });
    await bob.share('t1', { subject: 's', verdict: 'ok', confidence: 0.9 });
    await alice.complete(claim);
    const [conflict] = await bob.conflicts();
    await bob.resolveConflict(conflict!.id, { reason: 'bug confirmed' });
    await world.elapse(1000);
    const later = new Date(world.clock.now()).toISOString();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [f.id], kind: 'bug-fix' });
    await bob.promote(candidate.id);
    await alice.claim('t2', { heartbeat: false });
    await alice.leave();

    const everything = await bob.audit();
    expect(everything.map((e) => e.event.event)).toEqual([
      'agent_joined',
      'task_claimed',
      'finding_shared',
      'finding_shared',
      'conflict_detected',
      'task_completed',
      'task_released',
      'conflict_resolved',
      'pattern_staged',
      'pattern_promoted',
      'task_claimed',
      'task_released',
      'agent_left',
    ]);
    for (let i = 1; i < everything.length; i++) {
      expect(compareStreamIds(everything[i - 1]!.id, everything[i]!.id)).toBe(-1);
    }
    expect((await bob.audit({ taskId: 't1' })).map((e) => e.event.event)).toEqual([
      'task_claimed',
      'finding_shared',
      'finding_shared',
      'conflict_detected',
      'task_completed',
      'task_released',
      'conflict_resolved',
      'pattern_staged',
      'pattern_promoted',
    ]);
    expect((await bob.audit({ agentId: 'bob' })).map((e) => e.event.event)).toEqual([
      'finding_shared',
      'conflict_detected',
      'conflict_resolved',
      'pattern_promoted',
    ]);
    expect((await bob.audit({ since: later, types: ['task_*'] })).map((e) => taskOf(e.event))).toEqual([
      't2',
      't2',
    ]);
    expect((await bob.audit({ after: everything[10]!.id })).map((e) => e.event.event)).toEqual([
      'task_released',
      'agent_left',
    ]);
    expect(await bob.audit({ limit: 2 })).toEqual(everything.slice(0, 2));
    expect(reported).toEqual([]);
  });

  it('reports and skips an entry another writer corrupted', async () => {
    const alice = coord.agent('alice', { role: 'contributor' });
    await alice.claim('t1', { heartbeat: false });
    await (await world.adapter()).log.append('audit-test', { event: 'nonsense' });
    await alice.claim('t2', { heartbeat: false });
    expect((await alice.audit()).map((e) => taskOf(e.event))).toEqual(['t1', 't2']);
    expect(reported).toEqual(['CORRUPT_DATA']);
  });

  it('records the credential in scope on every step, which no caller meta can override, and filters by it', async () => {
    const alice = coord.agent('alice', { role: 'contributor' });
    const viaToken = { agentId: 'alice', kind: 'token' as const, credentialId: 'tok-laptop' };
    await withAuditIdentity(viaToken, async () => {
      await alice.claim('t1', { heartbeat: false, meta: { credential: { id: 'forged' } } });
      await alice.share('t1', { subject: 's', verdict: 'bug', confidence: 0.9 });
    });
    await withAuditIdentity({ agentId: 'alice', kind: 'jwt', credentialId: 'sub-ci' }, () =>
      alice.publish({ event: 'analysis_complete', task_id: 't1', findings_count: 1 }),
    );
    await alice.claim('t2', { heartbeat: false });

    const all = await alice.audit();
    expect(all.map((e) => e.event.meta?.credential ?? null)).toEqual([
      { kind: 'token', id: 'tok-laptop', agent_id: 'alice' },
      { kind: 'token', id: 'tok-laptop', agent_id: 'alice' },
      { kind: 'jwt', id: 'sub-ci', agent_id: 'alice' },
      null,
    ]);
    expect((await alice.audit({ credential: 'tok-laptop' })).map((e) => e.event.event)).toEqual([
      'task_claimed',
      'finding_shared',
    ]);
    expect((await alice.audit({ credential: 'sub-ci' })).map((e) => e.event.event)).toEqual([
      'analysis_complete',
    ]);
  });

  it('validates the query', async () => {
    const alice = coord.agent('alice', { role: 'observer' });
    await expect(alice.audit({ since: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(alice.audit({ after: '12' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
