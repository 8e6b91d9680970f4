import type { AgentEvent } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { eventually, sleep } from '../test/eventually.js';
import type { Coordinator } from './coordinator.js';

const backends = testBackends();
const HEARTBEAT = 100;

describe.each(backends)('presence on $kind', (backend) => {
  let world: World;
  let coord: Coordinator;
  let events: AgentEvent[];

  beforeEach(async () => {
    world = await backend.world({ label: 'presence' });
    coord = await world.coordinator({ heartbeatMs: HEARTBEAT, leaseMs: 300 });
    events = [];
    await coord.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => world.dispose());

  it('lists who is alive and what each holds', async () => {
    const alice = coord.agent('alice', { role: 'contributor' });
    const bob = coord.agent('bob', { role: 'observer' });
    const joined = await alice.join({ model: 'small' });
    expect(joined).toMatchObject({
      agentId: 'alice',
      role: 'contributor',
      holds: [],
      meta: { model: 'small' },
    });
    await bob.join();
    const claim = (await alice.claim('t2'))!;
    await alice.claim('t1');
    await eventually(async () =>
      expect((await bob.agents()).map((a) => [a.agentId, a.role, a.holds])).toEqual([
        ['alice', 'contributor', ['t1', 't2']],
        ['bob', 'observer', []],
      ]),
    );
    await claim.release();
    await eventually(async () => expect((await bob.agents())[0]!.holds).toEqual(['t1']));
    await eventually(() =>
      expect(events.filter((e) => e.event === 'agent_joined').map((e) => e.agent_id)).toEqual([
        'alice',
        'bob',
      ]),
    );
  });

  it('keeps a live agent listed across many heartbeats', async () => {
    const alice = coord.agent('alice', { role: 'contributor' });
    await alice.join();
    await sleep(HEARTBEAT * 6);
    expect((await alice.agents()).map((a) => a.agentId)).toEqual(['alice']);
  });

  it('drops an agent that leaves, releasing what it held', async () => {
    const alice = coord.agent('alice', { role: 'contributor' });
    await alice.join();
    const claim = (await alice.claim('t1'))!;
    await alice.leave();
    expect(claim.state).toBe('released');
    expect(await alice.owner('t1')).toBeNull();
    expect(await alice.agents()).toEqual([]);
    await eventually(() => expect(events.map((e) => e.event)).toContain('agent_left'));
  });

  it('forgets a crashed agent once its heartbeats stop', async () => {
    const other = await world.coordinator({ heartbeatMs: HEARTBEAT, leaseMs: 300 });
    await other.agent('carol', { role: 'contributor' }).join();
    const observer = coord.agent('olga', { role: 'observer' });
    expect((await observer.agents()).map((a) => a.agentId)).toEqual(['carol']);
    await other.close();
    await eventually(async () => expect(await observer.agents()).toEqual([]), 5000, 50);
    expect(() => other.agent('dan', { role: 'observer' })).toThrow(
      expect.objectContaining({ code: 'CLOSED' }),
    );
  });
});
