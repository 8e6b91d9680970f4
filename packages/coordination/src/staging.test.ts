import { type AgentEvent, isMemoryError } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { eventually } from '../test/eventually.js';
import { MemoryPatternStore } from '../test/memory-pattern-store.js';
import type { Agent } from './agent.js';
import type { Coordinator } from './coordinator.js';

const backends = testBackends();
const DAY = 24 * 3600_000;

describe.each(backends)('staging and promotion on $kind', (backend) => {
  let world: World;
  let patterns: MemoryPatternStore;
  let coord: Coordinator;
  let alice: Agent;
  let bob: Agent;
  let vera: Agent;
  let events: AgentEvent[];

  beforeEach(async () => {
    world = await backend.world({ label: 'staging', manualClock: true });
    patterns = new MemoryPatternStore();
    coord = await world.coordinator({ patterns });
    alice = coord.agent('alice', { role: 'contributor' });
    bob = coord.agent('bob', { role: 'contributor' });
    vera = coord.agent('vera', { role: 'validator' });
    events = [];
    await coord.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => world.dispose());

  const agreeing = async () => [
    await alice.share('t1', {
      subject: 'src/db/pool.ts',
      verdict: 'connection-leak',
      confidence: 0.8,
      summary: 'connections are not returned on error',
      evidence: ['pool.ts:42 missing finally'],
    }),
    await bob.share('t1', { subject: 'src/db/pool.ts', verdict: 'connection-leak', confidence: 0.9 }),
  ];

  it('stages agreeing findings as a candidate with a 24 h TTL', async () => {
    const [a, b] = await agreeing();
    const candidate = await alice.stage({
      taskId: 't1',
      findingIds: [a!.id, b!.id],
      kind: 'bug-fix',
      tags: ['db'],
    });
    expect(candidate).toMatchObject({
      state: 'staged',
      taskId: 't1',
      subject: 'src/db/pool.ts',
      verdict: 'connection-leak',
      agents: ['alice', 'bob'],
      stagedBy: 'alice',
      pattern: {
        kind: 'bug-fix',
        title: 'connection-leak: src/db/pool.ts',
        summary: 'connections are not returned on error',
        confidence: 0.85,
        author: 'alice',
        tags: ['db'],
      },
    });
    expect(candidate.pattern.body).toContain('pool.ts:42 missing finally');
    expect(candidate.pattern.id).toMatch(/^connection-leak-src-db-pool-ts-[0-9a-f]{8}$/);
    expect(await vera.candidates()).toEqual([candidate]);
    const record = await (await world.adapter()).records.get('candidates', candidate.id);
    const ttl = record!.expiresAt - world.clock.now();
    expect(ttl).toBeGreaterThan(DAY - 60_000);
    expect(ttl).toBeLessThanOrEqual(DAY);
    await eventually(() =>
      expect(events).toContainEqual(
        expect.objectContaining({ event: 'pattern_staged', agent_id: 'alice', candidate_id: candidate.id }),
      ),
    );
  });

  it('refuses to stage disagreeing findings, unknown findings, or a subject with an open conflict', async () => {
    const a = await alice.share('t1', { subject: 's', verdict: 'bug', confidence: 0.9 });
    const b = await bob.share('t1', { subject: 's', verdict: 'ok', confidence: 0.9 });
    const c = await bob.share('t1', { subject: 'other', verdict: 'bug', confidence: 0.9 });
    await expect(alice.stage({ taskId: 't1', findingIds: [a.id, c.id], kind: 'bug-fix' })).rejects.toSatisfy(
      (e) => isMemoryError(e, 'CONFLICT'),
    );
    await expect(alice.stage({ taskId: 't1', findingIds: [a.id, b.id], kind: 'bug-fix' })).rejects.toSatisfy(
      (e) => isMemoryError(e, 'CONFLICT'),
    );
    await expect(alice.stage({ taskId: 't1', findingIds: [a.id], kind: 'bug-fix' })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'CONFLICT'),
    );
    await expect(alice.stage({ taskId: 't1', findingIds: ['nope'], kind: 'bug-fix' })).rejects.toSatisfy(
      (e) => isMemoryError(e, 'NOT_FOUND'),
    );
    await expect(
      alice.stage({ taskId: 't1', findingIds: [c.id], kind: 'nonsense' as never }),
    ).rejects.toSatisfy((e) => isMemoryError(e, 'INVALID_INPUT'));
    expect(await vera.candidates({ state: 'all' })).toEqual([]);
  });

  it('promotes a candidate into the PatternStore once', async () => {
    const [a, b] = await agreeing();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [a!.id, b!.id], kind: 'bug-fix' });
    const { pattern, candidate: promoted } = await vera.promote(candidate.id);
    expect(pattern).toMatchObject({
      id: candidate.pattern.id,
      kind: 'bug-fix',
      author: 'alice',
      confidence: 0.85,
    });
    expect(await patterns.get(pattern.id)).toEqual(pattern);
    expect(promoted).toMatchObject({ state: 'promoted', decidedBy: 'vera' });
    expect(await vera.candidate(candidate.id)).toEqual(promoted);
    expect(await vera.candidates()).toEqual([]);
    await expect(vera.promote(candidate.id)).rejects.toSatisfy((e) => isMemoryError(e, 'CONFLICT'));
    await expect(vera.reject(candidate.id, { reason: 'late' })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'CONFLICT'),
    );
    expect(patterns.saves).toHaveLength(1);
    expect(patterns.saves[0]!.meta?.agentId).toBe('vera');
    await eventually(() =>
      expect(events).toContainEqual(
        expect.objectContaining({
          event: 'pattern_promoted',
          candidate_id: candidate.id,
          pattern_id: pattern.id,
        }),
      ),
    );
  });

  it('promotes exactly once when validators race for the same candidate', async () => {
    const [a] = await agreeing();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [a!.id], kind: 'bug-fix' });
    const validators = await Promise.all(
      Array.from({ length: 6 }, async (_, i) =>
        (await world.coordinator({ patterns })).agent(`val-${i}`, { role: 'validator' }),
      ),
    );
    const outcomes = await Promise.allSettled(validators.map((v) => v.promote(candidate.id)));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(5);
    for (const o of lost) expect(isMemoryError(o.reason, 'CONFLICT')).toBe(true);
    expect(patterns.saves).toHaveLength(1);
    expect((await vera.candidate(candidate.id))?.state).toBe('promoted');
  });

  it('lets a validator reject a candidate, once, with a reason', async () => {
    const [a] = await agreeing();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [a!.id], kind: 'bug-fix' });
    const rejected = await vera.reject(candidate.id, { reason: 'too specific' });
    expect(rejected).toMatchObject({ state: 'rejected', decidedBy: 'vera', reason: 'too specific' });
    await expect(vera.promote(candidate.id)).rejects.toSatisfy((e) => isMemoryError(e, 'CONFLICT'));
    expect(patterns.saves).toEqual([]);
    expect(await vera.candidates({ state: 'rejected' })).toEqual([rejected]);
    await eventually(() =>
      expect(events).toContainEqual(
        expect.objectContaining({
          event: 'pattern_rejected',
          candidate_id: candidate.id,
          reason: 'too specific',
        }),
      ),
    );
  });

  it('puts a candidate back to staged when saving the pattern fails, so it can be retried', async () => {
    const [a] = await agreeing();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [a!.id], kind: 'bug-fix' });
    patterns.failNextSave = true;
    await expect(vera.promote(candidate.id)).rejects.toSatisfy((e) =>
      isMemoryError(e, 'BACKEND_UNAVAILABLE'),
    );
    expect((await vera.candidate(candidate.id))?.state).toBe('staged');
    expect((await vera.promote(candidate.id)).candidate.state).toBe('promoted');
    expect(patterns.saves).toHaveLength(1);
  });

  it('lets another validator take over a promotion left unfinished past promotionTimeoutMs', async () => {
    const timeoutMs = 300;
    const coord2 = await world.coordinator({ patterns, promotionTimeoutMs: timeoutMs });
    const stuck = coord2.agent('vera', { role: 'validator' });
    const rescuer = coord2.agent('otto', { role: 'validator' });
    const [a] = await agreeing();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [a!.id], kind: 'bug-fix' });

    const release = patterns.holdNextSave();
    const first = stuck.promote(candidate.id);
    await eventually(async () => expect((await rescuer.candidate(candidate.id))?.state).toBe('promoting'));
    // Still within the timeout: the promotion belongs to vera.
    await expect(rescuer.promote(candidate.id)).rejects.toSatisfy(
      (e) => isMemoryError(e, 'CONFLICT') && /promoting by vera since/.test(e.message),
    );
    await world.elapse(timeoutMs + 50);
    const taken = await rescuer.promote(candidate.id);
    expect(taken.candidate).toMatchObject({ state: 'promoted', decidedBy: 'otto' });
    expect(await patterns.get(taken.pattern.id)).not.toBeNull();
    await eventually(() =>
      expect(events).toContainEqual(
        expect.objectContaining({
          event: 'pattern_promoted',
          agent_id: 'otto',
          meta: expect.objectContaining({ took_over_from: 'vera' }),
        }),
      ),
    );

    // vera wakes up: her save lands on the same pattern id, and the candidate stays otto's.
    release();
    await first;
    expect(new Set(patterns.saves.map((save) => save.id))).toEqual(new Set([taken.pattern.id]));
    expect((await rescuer.candidate(candidate.id))?.decidedBy).toBe('otto');
    expect(world.reported.some((e) => /changed while being promoted/.test(e.message))).toBe(true);
  });

  it('forgets a candidate nobody decided on once its TTL passes', async () => {
    const [a] = await agreeing();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [a!.id], kind: 'bug-fix', ttlMs: 150 });
    await world.elapse(250);
    expect(await vera.candidate(candidate.id)).toBeNull();
    await expect(vera.promote(candidate.id)).rejects.toSatisfy((e) => isMemoryError(e, 'NOT_FOUND'));
  });

  it('needs a PatternStore to promote', async () => {
    const bare = await world.coordinator();
    const [a] = await agreeing();
    const candidate = await alice.stage({ taskId: 't1', findingIds: [a!.id], kind: 'bug-fix' });
    await expect(bare.agent('vera', { role: 'validator' }).promote(candidate.id)).rejects.toSatisfy((e) =>
      isMemoryError(e, 'INVALID_INPUT'),
    );
    expect((await vera.candidate(candidate.id))?.state).toBe('staged');
  });
});
