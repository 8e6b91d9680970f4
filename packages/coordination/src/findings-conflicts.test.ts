import { type AgentEvent, isMemoryError } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { eventually } from '../test/eventually.js';
import type { Agent } from './agent.js';
import { conflictId } from './conflict.js';
import type { Coordinator } from './coordinator.js';

const backends = testBackends();

describe.each(backends)('findings and conflicts on $kind', (backend) => {
  let world: World;
  let coord: Coordinator;
  let alice: Agent;
  let bob: Agent;
  let vera: Agent;
  let events: AgentEvent[];

  beforeEach(async () => {
    world = await backend.world({ label: 'conflicts', manualClock: true });
    coord = await world.coordinator({ conflictThreshold: 0.3 });
    alice = coord.agent('alice', { role: 'contributor' });
    bob = coord.agent('bob', { role: 'contributor' });
    vera = coord.agent('vera', { role: 'validator' });
    events = [];
    await coord.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => world.dispose());

  const share = (agent: Agent, subject: string, verdict: string, confidence: number, taskId = 't1') =>
    agent.share(taskId, {
      subject,
      verdict,
      confidence,
      summary: `${agent.id} says ${verdict}`,
      evidence: ['log.txt:12'],
    });

  it('shares a validated finding authored by the agent and publishes finding_shared', async () => {
    const f = await share(alice, 'src/auth.ts', 'bug', 0.8);
    expect(f).toMatchObject({
      taskId: 't1',
      agentId: 'alice',
      subject: 'src/auth.ts',
      verdict: 'bug',
      evidence: ['log.txt:12'],
    });
    expect(await bob.findings('t1')).toEqual([f]);
    await eventually(() =>
      expect(events).toContainEqual(
        expect.objectContaining({
          event: 'finding_shared',
          agent_id: 'alice',
          finding_id: f.id,
          confidence: 0.8,
        }),
      ),
    );
    await expect(alice.share('t1', { subject: 's', verdict: 'x', confidence: 2 })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'INVALID_INPUT'),
    );
    await expect(
      alice.share('t1', { subject: 's', verdict: 'x', confidence: 1, agentId: 'bob' }),
    ).rejects.toSatisfy((e) => isMemoryError(e, 'FORBIDDEN'));
    expect(await bob.findings('t1')).toHaveLength(1);
  });

  it('records a conflict when two agents reach different verdicts on one subject', async () => {
    const a = await share(alice, 'src/auth.ts', 'bug', 0.9);
    await share(alice, 'src/other.ts', 'ok', 0.9);
    expect(await vera.conflicts()).toEqual([]);
    const b = await share(bob, 'src/auth.ts', 'ok', 0.7);
    const [conflict, ...rest] = await vera.conflicts({ taskId: 't1' });
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({
      id: conflictId('t1', 'src/auth.ts'),
      taskId: 't1',
      subject: 'src/auth.ts',
      state: 'open',
      round: 1,
      positions: [
        { agentId: 'alice', findingId: a.id, verdict: 'bug', confidence: 0.9 },
        { agentId: 'bob', findingId: b.id, verdict: 'ok', confidence: 0.7 },
      ],
    });
    expect(conflict!.findingIds.sort()).toEqual([a.id, b.id].sort());
    await eventually(() =>
      expect(events).toContainEqual(
        expect.objectContaining({
          event: 'conflict_detected',
          conflict_id: conflict!.id,
          subject: 'src/auth.ts',
          agents: ['alice', 'bob'],
        }),
      ),
    );
  });

  it('records a conflict on a confidence gap past the threshold, not below it', async () => {
    await share(alice, 'a', 'bug', 0.9);
    await share(bob, 'a', 'bug', 0.7);
    expect(await vera.conflicts()).toEqual([]);
    await share(alice, 'b', 'bug', 0.9);
    await share(bob, 'b', 'bug', 0.5);
    expect((await vera.conflicts()).map((c) => c.subject)).toEqual(['b']);
  });

  it('keeps one conflict per subject, updated as more agents weigh in', async () => {
    await share(alice, 's', 'bug', 0.9);
    await share(bob, 's', 'ok', 0.9);
    const carol = coord.agent('carol', { role: 'contributor' });
    await share(carol, 's', 'bug', 0.9);
    const conflicts = await vera.conflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.positions.map((p) => p.agentId)).toEqual(['alice', 'bob', 'carol']);
    await eventually(() =>
      expect(
        events.filter((e) => e.event === 'conflict_detected').map((e) => (e as { agents: string[] }).agents),
      ).toEqual([
        ['alice', 'bob'],
        ['alice', 'bob', 'carol'],
      ]),
    );
  });

  it('keeps a conflict listed until a validator resolves it', async () => {
    await share(alice, 's', 'bug', 0.9);
    await share(bob, 's', 'ok', 0.9);
    await bob.share('t1', { subject: 's', verdict: 'bug', confidence: 0.9 });
    const [open] = await alice.conflicts();
    expect(open?.state).toBe('open');
    await expect(alice.resolveConflict(open!.id, { reason: 'mine' })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'FORBIDDEN'),
    );
    const resolved = await vera.resolveConflict(open!.id, { reason: 'reproduced the bug', verdict: 'bug' });
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolutions).toEqual([
      { by: 'vera', reason: 'reproduced the bug', verdict: 'bug', at: expect.any(String) },
    ]);
    expect(await alice.conflicts()).toEqual([]);
    expect(await alice.conflicts({ state: 'resolved' })).toEqual([resolved]);
    await expect(vera.resolveConflict(open!.id, { reason: 'again' })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'CONFLICT'),
    );
    await expect(vera.resolveConflict('c-none', { reason: 'x' })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'NOT_FOUND'),
    );
    await eventually(() =>
      expect(events).toContainEqual(
        expect.objectContaining({ event: 'conflict_resolved', agent_id: 'vera', conflict_id: open!.id }),
      ),
    );
  });

  it('does not reopen a resolved conflict for settled findings, but does for a fresh disagreement', async () => {
    await share(alice, 's', 'bug', 0.9);
    await share(bob, 's', 'ok', 0.9);
    const [open] = await vera.conflicts();
    await vera.resolveConflict(open!.id, { reason: 'it is a bug' });
    await share(coord.agent('carol', { role: 'contributor' }), 's', 'bug', 0.9);
    expect(await vera.conflicts()).toEqual([]);
    await share(bob, 's', 'ok', 0.8);
    const [reopened] = await vera.conflicts();
    expect(reopened).toMatchObject({ id: open!.id, state: 'open', round: 2 });
    expect(reopened!.positions.map((p) => p.agentId)).toEqual(['bob', 'carol']);
    expect(reopened!.resolutions).toHaveLength(1);
  });

  it('detects a disagreement when two agents share at the same moment', async () => {
    const other = await world.coordinator({ conflictThreshold: 0.3 });
    await Promise.all([
      share(alice, 'race', 'bug', 0.9),
      share(other.agent('bob', { role: 'contributor' }), 'race', 'ok', 0.9),
    ]);
    const conflicts = await vera.conflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.positions.map((p) => p.agentId)).toEqual(['alice', 'bob']);
  });
});
