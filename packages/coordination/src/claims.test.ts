import { type AgentEvent, isMemoryError } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { eventually, sleep } from '../test/eventually.js';
import type { Agent } from './agent.js';
import type { Coordinator } from './coordinator.js';

const backends = testBackends();
const LEASE = 200;

describe.each(backends)('task claims on $kind', (backend) => {
  let world: World;
  let coord: Coordinator;
  let alice: Agent;
  let bob: Agent;
  let events: AgentEvent[];

  const setup = async (options: { manualClock?: boolean; heartbeatMs?: number } = {}) => {
    world = await backend.world({ label: 'claims', manualClock: options.manualClock ?? false });
    coord = await world.coordinator({
      leaseMs: LEASE,
      heartbeatMs: options.heartbeatMs ?? 40,
      waitPollMs: 50,
    });
    alice = coord.agent('alice', { role: 'contributor' });
    bob = coord.agent('bob', { role: 'contributor' });
    events = [];
    await coord.bus.subscribe((e) => events.push(e));
  };
  afterEach(() => world.dispose());

  describe('with a manual clock where there is one', () => {
    beforeEach(() => setup({ manualClock: true }));

    it('grants one claim at a time, with owner, fencing token and expiry', async () => {
      const claim = await alice.claim('t1', { heartbeat: false });
      expect(claim).not.toBeNull();
      expect(claim).toMatchObject({ taskId: 't1', agentId: 'alice', state: 'held' });
      expect(claim!.token).toBeGreaterThan(0);
      expect(claim!.expiresAt).toBeGreaterThan(world.clock.now());
      expect(await bob.claim('t1', { heartbeat: false })).toBeNull();
      expect(await bob.owner('t1')).toEqual({
        taskId: 't1',
        agentId: 'alice',
        token: claim!.token,
        expiresAt: claim!.expiresAt,
      });
      await eventually(() =>
        expect(events).toContainEqual(
          expect.objectContaining({
            event: 'task_claimed',
            agent_id: 'alice',
            task_id: 't1',
            token: claim!.token,
          }),
        ),
      );
      const audit = await alice.audit({ taskId: 't1' });
      expect(audit.map((e) => e.event.event)).toEqual(['task_claimed']);
    });

    it('hands the task over on release, with a larger token and a task_released event', async () => {
      const first = (await alice.claim('t1', { heartbeat: false }))!;
      expect(await first.release()).toBe(true);
      expect(first.state).toBe('released');
      expect(await alice.owner('t1')).toBeNull();
      const second = (await bob.claim('t1', { heartbeat: false }))!;
      expect(second.token).toBeGreaterThan(first.token);
      await eventually(() =>
        expect(events.map((e) => e.event)).toEqual(['task_claimed', 'task_released', 'task_claimed']),
      );
      expect(await first.release()).toBe(false);
    });

    it('lets a lapsed claim go to the next claimant with a larger token; the old holder learns it lost', async () => {
      const first = (await alice.claim('t1', { heartbeat: false }))!;
      await world.elapse(LEASE + 50);
      const second = (await bob.claim('t1', { heartbeat: false }))!;
      expect(second.token).toBeGreaterThan(first.token);
      await expect(first.renew()).rejects.toSatisfy((e) => isMemoryError(e, 'LEASE_LOST'));
      expect(first.state).toBe('lost');
      expect(first.signal.aborted).toBe(true);
      expect(isMemoryError(first.signal.reason, 'LEASE_LOST')).toBe(true);
      await eventually(() =>
        expect(events).toContainEqual(
          expect.objectContaining({
            event: 'lease_lost',
            agent_id: 'alice',
            task_id: 't1',
            token: first.token,
          }),
        ),
      );
    });

    it('renews on demand while held', async () => {
      const claim = (await alice.claim('t1', { heartbeat: false }))!;
      const before = claim.expiresAt;
      await world.elapse(LEASE / 2);
      await claim.renew();
      expect(claim.expiresAt).toBeGreaterThan(before);
      await world.elapse(LEASE / 2 + 20);
      expect(await bob.claim('t1', { heartbeat: false })).toBeNull();
    });

    it('completes a task exactly once and refuses to hand it out again', async () => {
      const claim = (await alice.claim('t1', { heartbeat: false }))!;
      const done = await alice.complete(claim, { verdict: 'fixed' });
      expect(done).toMatchObject({
        taskId: 't1',
        agentId: 'alice',
        token: claim.token,
        result: { verdict: 'fixed' },
      });
      expect(claim.state).toBe('completed');
      expect(await alice.completion('t1')).toEqual(done);
      expect(await alice.owner('t1')).toBeNull();
      expect(await bob.claim('t1')).toBeNull();
      await expect(alice.complete(claim)).rejects.toSatisfy((e) => isMemoryError(e, 'LEASE_LOST'));
      await eventually(() =>
        expect(events.map((e) => e.event)).toEqual(['task_claimed', 'task_completed', 'task_released']),
      );
      expect(events.at(-1)).toMatchObject({ reason: 'completed', token: claim.token });
    });

    it('refuses a completion carrying a stale fencing token', async () => {
      const first = (await alice.claim('t1', { heartbeat: false }))!;
      await world.elapse(LEASE + 50);
      const second = (await bob.claim('t1', { heartbeat: false }))!;
      const stale = await alice.complete({ taskId: 't1', token: first.token }).catch((e: unknown) => e);
      expect(isMemoryError(stale, 'LEASE_LOST')).toBe(true);
      expect((stale as { details: object }).details).toMatchObject({
        taskId: 't1',
        token: first.token,
        currentOwner: 'bob',
        currentToken: second.token,
      });
      expect(await bob.completion('t1')).toBeNull();
      await bob.complete(second);
      expect((await bob.completion('t1'))?.token).toBe(second.token);
    });

    it('refuses a second completion even from a lease taken around coordination (CONFLICT)', async () => {
      const claim = (await alice.claim('t1', { heartbeat: false }))!;
      await alice.complete(claim);
      const raw = await world.adapter();
      const lease = (await raw.leases.acquire('t1', 'bob', LEASE))!;
      await expect(bob.complete({ taskId: 't1', token: lease.token })).rejects.toSatisfy((e) =>
        isMemoryError(e, 'CONFLICT'),
      );
      expect((await bob.completion('t1'))?.agentId).toBe('alice');
    });

    it('does not let an agent act on another agent’s claim', async () => {
      const claim = (await alice.claim('t1', { heartbeat: false }))!;
      await expect(bob.complete(claim)).rejects.toSatisfy((e) => isMemoryError(e, 'FORBIDDEN'));
      await expect(bob.release(claim)).rejects.toSatisfy((e) => isMemoryError(e, 'FORBIDDEN'));
      await expect(bob.complete({ taskId: 't1', token: claim.token })).rejects.toSatisfy((e) =>
        isMemoryError(e, 'LEASE_LOST'),
      );
      expect(claim.state).toBe('held');
    });

    it('validates input', async () => {
      await expect(alice.claim('bad id')).rejects.toSatisfy((e) => isMemoryError(e, 'INVALID_INPUT'));
      await expect(alice.claim('t1', { leaseMs: -1 })).rejects.toSatisfy((e) =>
        isMemoryError(e, 'INVALID_INPUT'),
      );
      await expect(alice.claim('t1', { bogus: true } as never)).rejects.toSatisfy((e) =>
        isMemoryError(e, 'INVALID_INPUT'),
      );
      await expect(alice.complete({ taskId: 't1', token: 0 })).rejects.toSatisfy((e) =>
        isMemoryError(e, 'INVALID_INPUT'),
      );
    });
  });

  describe('in real time', () => {
    beforeEach(() => setup());

    it('keeps a claim alive on its heartbeat well past the lease', async () => {
      const claim = (await alice.claim('t1'))!;
      for (let i = 0; i < 4; i++) {
        await sleep(LEASE / 2);
        expect(await bob.claim('t1')).toBeNull();
      }
      expect(claim.state).toBe('held');
      expect((await bob.owner('t1'))?.token).toBe(claim.token);
      await claim.release();
    });

    it('does not mistake its own completion or release for a lost lease while the heartbeat runs', async () => {
      const fast = (await world.coordinator({ leaseMs: LEASE, heartbeatMs: 1 })).agent('dora', {
        role: 'contributor',
      });
      const claims = [];
      for (let i = 0; i < 10; i++) claims.push((await fast.claim(`hb-${i}`))!);
      await sleep(20);
      for (const [i, claim] of claims.entries()) {
        if (i % 2 === 0) await claim.complete();
        else await claim.release();
      }
      await sleep(30);
      expect(claims.map((c) => c.state)).toEqual(
        claims.map((_, i) => (i % 2 === 0 ? 'completed' : 'released')),
      );
      expect(claims.some((c) => c.signal.aborted)).toBe(false);
      expect((await fast.audit({ types: ['lease_lost'] })).map((e) => e.event)).toEqual([]);
    });

    it('stops the heartbeat and publishes lease_lost when the lease is taken away', async () => {
      const steward = coord.agent('root', { role: 'steward' });
      const claim = (await alice.claim('t1'))!;
      await steward.purge('t1');
      await eventually(() => expect(claim.state).toBe('lost'));
      expect(claim.signal.aborted).toBe(true);
      await eventually(() =>
        expect(events).toContainEqual(
          expect.objectContaining({ event: 'lease_lost', agent_id: 'alice', task_id: 't1' }),
        ),
      );
      const next = (await bob.claim('t1'))!;
      expect(next.token).toBeGreaterThan(claim.token);
      await next.release();
    });

    it('lets a dead agent’s claim expire (close stops heartbeats) and the next claimant take over', async () => {
      const other = await world.coordinator({ leaseMs: LEASE, heartbeatMs: 40 });
      const doomed = (await other.agent('carol', { role: 'contributor' }).claim('t1'))!;
      await other.close();
      expect(doomed.state).toBe('abandoned');
      const next = await bob.waitFor('t1', { timeoutMs: 5000 });
      expect(next?.token).toBeGreaterThan(doomed.token);
      await next!.release();
    });

    it('waitFor claims the task as soon as its holder releases it', async () => {
      const held = (await alice.claim('t1'))!;
      const waiting = bob.waitFor('t1', { timeoutMs: 5000, pollMs: 60_000 });
      await sleep(50);
      await held.release();
      const claim = await waiting;
      expect(claim).toMatchObject({ agentId: 'bob', state: 'held' });
      expect(claim!.token).toBeGreaterThan(held.token);
      await claim!.release();
    });

    it('waitFor gives up with null on timeout, on abort, and when the task gets completed', async () => {
      const held = (await alice.claim('t1'))!;
      expect(await bob.waitFor('t1', { timeoutMs: 100 })).toBeNull();
      const controller = new AbortController();
      const aborted = bob.waitFor('t1', { signal: controller.signal });
      await sleep(30);
      controller.abort();
      expect(await aborted).toBeNull();
      const completed = bob.waitFor('t1', { timeoutMs: 5000 });
      await sleep(30);
      await held.complete();
      expect(await completed).toBeNull();
    });
  });
});
