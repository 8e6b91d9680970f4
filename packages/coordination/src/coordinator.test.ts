import { isMemoryError } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { eventually, sleep } from '../test/eventually.js';
import { createCoordinator } from './coordinator.js';

const backends = testBackends();

describe.each(backends)('coordinator on $kind', (backend) => {
  let world: World;

  beforeEach(async () => {
    world = await backend.world({ label: 'coordinator' });
  });
  afterEach(() => world.dispose());

  it('validates its options', async () => {
    const adapter = await world.adapter();
    const invalid = (options: object) => {
      expect(() => createCoordinator({ adapter, ...options })).toThrow(
        expect.objectContaining({ name: 'MemoryError', code: 'INVALID_INPUT' }),
      );
    };
    expect(() => createCoordinator({} as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    invalid({ heartbeatMs: 0 });
    invalid({ leaseMs: 1.5 });
    invalid({ conflictThreshold: 2 });
    invalid({ logStream: 'has space' });
    invalid({ patterns: {} });
    invalid({ clock: { now: 1 } });
    invalid({ surprise: true });
    const coord = createCoordinator({ adapter });
    expect(coord.settings).toMatchObject({
      heartbeatMs: 10_000,
      leaseMs: 300_000,
      candidateTtlMs: 24 * 3600_000,
      channel: 'agent:events',
      logStream: 'coordination',
    });
    await coord.close();
  });

  it('close() stops heartbeats without releasing: leases lapse as after a crash, and calls fail CLOSED', async () => {
    const coord = await world.coordinator({ leaseMs: 150, heartbeatMs: 30 });
    const agent = coord.agent('alice', { role: 'contributor' });
    await agent.join();
    const claim = (await agent.claim('t1'))!;
    await coord.close();
    await coord.close();
    expect(claim.state).toBe('abandoned');
    expect(isMemoryError(claim.signal.reason, 'CLOSED')).toBe(true);
    await expect(agent.claim('t2')).rejects.toSatisfy((e) => isMemoryError(e, 'CLOSED'));
    await expect(agent.share('t2', { subject: 's', verdict: 'v', confidence: 1 })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'CLOSED'),
    );
    expect(() => coord.agent('bob', { role: 'observer' })).toThrow(
      expect.objectContaining({ code: 'CLOSED' }),
    );
    const other = (await world.coordinator()).agent('bob', { role: 'contributor' });
    expect((await other.owner('t1'))?.agentId).toBe('alice');
    await sleep(250);
    expect(await other.owner('t1')).toBeNull();
    const next = (await other.claim('t1', { heartbeat: false }))!;
    expect(next.token).toBeGreaterThan(claim.token);
  });

  it('uses its own channel and audit stream when told to', async () => {
    const coord = await world.coordinator({ channel: 'team:events', logStream: 'team-log' });
    const seen: string[] = [];
    await coord.bus.subscribe((e) => seen.push(`${e.event}`), { channel: 'team:events' });
    const agent = coord.agent('alice', { role: 'contributor' });
    await agent.claim('t1', { heartbeat: false });
    const raw = await world.adapter();
    expect((await raw.log.range('team-log')).map((e) => e.data.event)).toEqual(['task_claimed']);
    expect(await raw.log.length('coordination')).toBe(0);
    await eventually(() => expect(seen).toEqual(['task_claimed']));
  });
});
