import { type AgentEvent, isMemoryError, type MemoryError } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { eventually } from '../test/eventually.js';
import { AgentEventBus } from './agent-event-bus.js';

const backends = testBackends();
const ts = '2025-12-01T12:00:00.000Z';

describe.each(backends)('agent event bus on $kind', (backend) => {
  let world: World;
  let bus: AgentEventBus;
  let errors: MemoryError[];

  beforeEach(async () => {
    world = await backend.world({ label: 'bus' });
    errors = [];
    bus = new AgentEventBus((await world.adapter()).events, { onError: (e) => errors.push(e) });
  });
  afterEach(() => world.dispose());

  it('delivers typed events published by another client, with defaults applied', async () => {
    const got: AgentEvent[] = [];
    await bus.subscribe((e) => got.push(e));
    const other = new AgentEventBus((await world.adapter()).events);
    const sent = await other.publish({ event: 'task_released', agent_id: 'a1', task_id: 't1', ts });
    expect(sent).toMatchObject({ reason: 'released' });
    await eventually(() => expect(got).toEqual([sent]));
  });

  it('refuses to publish an invalid event and sends nothing', async () => {
    const got: AgentEvent[] = [];
    await bus.subscribe((e) => got.push(e));
    const bad = { event: 'task_claimed', agent_id: 'a1', task_id: 't1', ts } as never;
    await expect(bus.publish(bad)).rejects.toSatisfy((e) => isMemoryError(e, 'INVALID_INPUT'));
    await expect(bus.publish({ event: 'agent_joined', agent_id: 'bad id', ts })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'INVALID_INPUT'),
    );
    await bus.publish({ event: 'agent_joined', agent_id: 'a1', ts });
    await eventually(() => expect(got.map((e) => e.event)).toEqual(['agent_joined']));
  });

  it('reports a malformed message from another process instead of throwing it into the subscriber', async () => {
    const got: AgentEvent[] = [];
    await bus.subscribe((e) => got.push(e));
    const raw = (await world.adapter()).events;
    await raw.publish('agent:events', { event: 'task_claimed', agent_id: 'a1' });
    await raw.publish('agent:events', 'not an event');
    await bus.publish({ event: 'agent_left', agent_id: 'a1', ts });
    await eventually(() => expect(got.map((e) => e.event)).toEqual(['agent_left']));
    expect(errors.map((e) => e.code)).toEqual(['CORRUPT_DATA', 'CORRUPT_DATA']);
    expect(errors[0]!.issues.length).toBeGreaterThan(0);
  });

  it('reports a subscriber that throws and keeps delivering', async () => {
    const got: string[] = [];
    await bus.subscribe((e) => {
      got.push(e.event);
      if (e.event === 'agent_joined') throw new Error('boom');
    });
    await bus.publish({ event: 'agent_joined', agent_id: 'a1', ts });
    await bus.publish({ event: 'agent_left', agent_id: 'a1', ts });
    await eventually(() => expect(got).toEqual(['agent_joined', 'agent_left']));
    expect(errors.map((e) => e.code)).toEqual(['INTERNAL']);
  });

  it('filters by event type globs', async () => {
    const got: string[] = [];
    await bus.subscribe((e) => got.push(e.event), { types: ['task_*', 'agent_left'] });
    await bus.publish({ event: 'agent_joined', agent_id: 'a1', ts });
    await bus.publish({ event: 'task_released', agent_id: 'a1', task_id: 't', ts });
    await bus.publish({ event: 'task_completed', agent_id: 'a1', task_id: 't', token: 1, ts });
    await bus.publish({ event: 'agent_left', agent_id: 'a1', ts });
    await eventually(() => expect(got).toEqual(['task_released', 'task_completed', 'agent_left']));
  });

  it('subscribes to a channel pattern', async () => {
    const got: { event: string; channel: string; pattern?: string }[] = [];
    await bus.subscribe((e, from) => got.push({ event: e.event, ...from }), { pattern: 'agent:*' });
    await bus.publish({ event: 'agent_joined', agent_id: 'a1', ts }, 'agent:alerts');
    await bus.publish({ event: 'agent_left', agent_id: 'a1', ts }, 'other:events');
    await bus.publish({ event: 'agent_left', agent_id: 'a2', ts });
    await eventually(() =>
      expect(got).toEqual([
        { event: 'agent_joined', channel: 'agent:alerts', pattern: 'agent:*' },
        { event: 'agent_left', channel: 'agent:events', pattern: 'agent:*' },
      ]),
    );
  });

  it('iterates events until the signal aborts', async () => {
    const controller = new AbortController();
    const stream = bus.events({ signal: controller.signal, types: ['agent_*'] });
    await stream.ready;
    await bus.publish({ event: 'agent_joined', agent_id: 'a1', ts });
    await bus.publish({ event: 'task_released', agent_id: 'a1', task_id: 't', ts });
    await bus.publish({ event: 'agent_left', agent_id: 'a1', ts });
    const seen: string[] = [];
    for await (const e of stream) {
      seen.push(`${e.event}:${e.agent_id}`);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(['agent_joined:a1', 'agent_left:a1']);
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('ends the iteration when the loop breaks (return) and stops the subscription', async () => {
    const stream = bus.events();
    await stream.ready;
    await bus.publish({ event: 'agent_joined', agent_id: 'a1', ts });
    for await (const e of stream) {
      expect(e.event).toBe('agent_joined');
      break;
    }
    await bus.publish({ event: 'agent_left', agent_id: 'a1', ts });
    await expect(stream.next()).resolves.toMatchObject({ done: true });
  });

  it('ends a pending next() when aborted while waiting', async () => {
    const controller = new AbortController();
    const stream = bus.events({ signal: controller.signal });
    await stream.ready;
    const pending = stream.next();
    controller.abort();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
  });

  it('drops the oldest events past the high-water mark and reports it', async () => {
    const stream = bus.events({ highWaterMark: 2 });
    await stream.ready;
    for (const id of ['a1', 'a2', 'a3']) await bus.publish({ event: 'agent_joined', agent_id: id, ts });
    await eventually(() => expect(stream.dropped).toBe(1));
    expect((await stream.next()).value?.agent_id).toBe('a2');
    expect((await stream.next()).value?.agent_id).toBe('a3');
    await stream.return();
    expect(errors.map((e) => e.code)).toEqual(['TOO_LARGE']);
  });

  it('validates subscribe options', async () => {
    await expect(bus.subscribe(() => undefined, { types: ['Task Claimed'] })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'INVALID_INPUT'),
    );
    await expect(bus.subscribe(() => undefined, { channel: 'a:b', pattern: 'a:*' })).rejects.toSatisfy((e) =>
      isMemoryError(e, 'INVALID_INPUT'),
    );
  });
});
