import { isMemoryError } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { MemoryPatternStore } from '../test/memory-pattern-store.js';
import type { Agent } from './agent.js';
import type { Coordinator } from './coordinator.js';
import { type Action, can, type Role } from './roles.js';

const backends = testBackends();

describe('role table', () => {
  const expected: Record<Role, Action[]> = {
    observer: ['read'],
    contributor: ['read', 'claim', 'share', 'stage', 'publish'],
    validator: ['read', 'claim', 'share', 'stage', 'publish', 'promote', 'reject', 'resolve'],
    steward: ['read', 'claim', 'share', 'stage', 'publish', 'promote', 'reject', 'resolve', 'purge'],
  };
  const all: Action[] = [
    'read',
    'claim',
    'share',
    'stage',
    'publish',
    'promote',
    'reject',
    'resolve',
    'purge',
  ];
  it.each(Object.entries(expected))('%s may do exactly its actions', (role, allowed) => {
    expect(all.filter((action) => can(role as Role, action))).toEqual(allowed);
  });
});

describe.each(backends)('roles enforced on $kind', (backend) => {
  let world: World;
  let coord: Coordinator;
  const forbidden = (e: unknown) => isMemoryError(e, 'FORBIDDEN');

  beforeEach(async () => {
    world = await backend.world({ label: 'roles', manualClock: true });
    coord = await world.coordinator({ patterns: new MemoryPatternStore() });
  });
  afterEach(() => world.dispose());

  const agent = (id: string, role: Role): Agent => coord.agent(id, { role });

  it('lets an observer read and nothing else', async () => {
    const obs = agent('olga', 'observer');
    expect(await obs.findings('t1')).toEqual([]);
    expect(await obs.owner('t1')).toBeNull();
    expect(await obs.conflicts()).toEqual([]);
    expect(await obs.candidates()).toEqual([]);
    expect(await obs.audit()).toEqual([]);
    await obs.join();
    expect((await obs.agents()).map((a) => a.agentId)).toEqual(['olga']);
    await expect(obs.claim('t1')).rejects.toSatisfy(forbidden);
    await expect(obs.waitFor('t1')).rejects.toSatisfy(forbidden);
    await expect(obs.share('t1', { subject: 's', verdict: 'v', confidence: 1 })).rejects.toSatisfy(forbidden);
    await expect(obs.stage({ taskId: 't1', findingIds: ['f'], kind: 'bug-fix' })).rejects.toSatisfy(
      forbidden,
    );
    await expect(
      obs.publish({ event: 'analysis_complete', task_id: 't1', findings_count: 0 }),
    ).rejects.toSatisfy(forbidden);
    expect(await obs.owner('t1')).toBeNull();
    expect(await obs.findings('t1')).toEqual([]);
  });

  it('keeps promotion, rejection, resolution and purge from a contributor', async () => {
    const worker = agent('cody', 'contributor');
    const f = await worker.share('t1', { subject: 's', verdict: 'bug', confidence: 0.9 });
    const candidate = await worker.stage({ taskId: 't1', findingIds: [f.id], kind: 'bug-fix' });
    await expect(worker.promote(candidate.id)).rejects.toSatisfy(forbidden);
    await expect(worker.reject(candidate.id, { reason: 'no' })).rejects.toSatisfy(forbidden);
    await expect(worker.resolveConflict('c-x', { reason: 'no' })).rejects.toSatisfy(forbidden);
    await expect(worker.purge('t1')).rejects.toSatisfy(forbidden);
    expect((await worker.candidate(candidate.id))?.state).toBe('staged');
    expect(await worker.findings('t1')).toHaveLength(1);
  });

  it('lets a validator promote but not purge; a steward may purge', async () => {
    const worker = agent('cody', 'contributor');
    const f = await worker.share('t1', { subject: 's', verdict: 'bug', confidence: 0.9 });
    const candidate = await worker.stage({ taskId: 't1', findingIds: [f.id], kind: 'bug-fix' });
    const val = agent('vera', 'validator');
    expect((await val.promote(candidate.id)).candidate.state).toBe('promoted');
    await expect(val.purge('t1')).rejects.toSatisfy(forbidden);
    const result = await agent('stan', 'steward').purge('t1');
    expect(result).toMatchObject({ findingsCleared: 1, candidatesDeleted: 1 });
    expect(await worker.findings('t1')).toEqual([]);
  });

  it('forbids acting or publishing as another agent', async () => {
    const worker = agent('cody', 'contributor');
    await expect(
      worker.publish({
        event: 'analysis_complete',
        task_id: 't1',
        findings_count: 1,
        agent_id: 'vera',
      } as never),
    ).rejects.toSatisfy(forbidden);
    const sent = await worker.publish({ event: 'analysis_complete', task_id: 't1', findings_count: 1 });
    expect(sent).toMatchObject({ agent_id: 'cody', event: 'analysis_complete' });
    expect((await worker.audit({ types: ['analysis_complete'] })).map((e) => e.event.agent_id)).toEqual([
      'cody',
    ]);
  });

  it('gives one handle per agent id and refuses to change its role', () => {
    const a = agent('cody', 'contributor');
    expect(agent('cody', 'contributor')).toBe(a);
    expect(() => agent('cody', 'steward')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => coord.agent('cody', { role: 'admin' as Role })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => agent('bad id', 'observer')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
