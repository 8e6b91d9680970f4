import type { BusMessage } from '@agent-memory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type RedisFixture, useRedisFixture } from '../test/redis-fixture.js';

let f: RedisFixture;
beforeAll(async () => {
  f = await useRedisFixture('bus');
});
afterAll(() => f.teardown());

/** CLIENT LIST lines of the connections named `name` (the adapter names its subscriber). */
async function clientsNamed(name: string): Promise<string[]> {
  const list = (await f.raw.client('LIST')) as string;
  return list.split('\n').filter((line) => line.includes(` name=${name} `));
}

describe('redis event bus', () => {
  it('shares one lazily made subscriber connection between all subscriptions', async () => {
    const adapter = f.adapter();
    const name = `${f.namespace}:subscriber`;
    expect(await clientsNamed(name)).toHaveLength(0);
    const subs = await Promise.all([
      adapter.events.subscribe('a', () => {}),
      adapter.events.subscribe('b', () => {}),
      adapter.events.psubscribe('c:*', () => {}),
      adapter.events.subscribe('a', () => {}),
    ]);
    const lines = await clientsNamed(name);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ sub=2 psub=1 /);
    await Promise.all(subs.map((s) => s.unsubscribe()));
    await eventually(async () => / sub=0 psub=0 /.test((await clientsNamed(name))[0] ?? ''));
    await adapter.close();
    await eventually(async () => (await clientsNamed(name)).length === 0);
  });

  it('resubscribes after the subscriber connection is killed', async () => {
    const adapter = f.adapter();
    const got: BusMessage[] = [];
    await adapter.events.subscribe('agent:events', (m) => got.push(m));
    await adapter.events.psubscribe('agent:*', (m) => got.push(m));
    const [line] = await clientsNamed(`${f.namespace}:subscriber`);
    const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
    expect(id).toBeDefined();
    expect(await f.raw.client('KILL', 'ID', id!)).toBe(1);
    // Whatever is published while the connection is down is lost (pub/sub is fire-and-forget):
    // publish until both subscriptions deliver again.
    let n = 0;
    await eventually(async () => {
      await adapter.events.publish('agent:events', { n: n++ });
      return got.some((m) => m.pattern === undefined) && got.some((m) => m.pattern === 'agent:*');
    }, 10_000);
    const [again] = await clientsNamed(`${f.namespace}:subscriber`);
    expect(again).toMatch(/ sub=1 psub=1 /);
    expect(/\bid=(\d+)/.exec(again ?? '')?.[1]).not.toBe(id);
  });

  it('hands malformed JSON from another publisher to onError and keeps delivering', async () => {
    const adapter = f.adapter();
    const got: unknown[] = [];
    const errors: { code: unknown; raw: string; channel: string }[] = [];
    await adapter.events.subscribe('agent:events', (m) => got.push(m.payload), {
      onError: (error, raw, channel) =>
        errors.push({ code: (error as { code?: unknown }).code, raw, channel }),
    });
    const silent: unknown[] = [];
    await adapter.events.psubscribe('agent:*', (m) => silent.push(m.payload));
    await f.raw.publish(`${f.namespace}:agent:events`, '{"event": broken');
    await f.raw.publish(`${f.namespace}:agent:events`, '{"event":"ok"}');
    await eventually(() => got.length === 1 && silent.length === 1);
    expect(got).toEqual([{ event: 'ok' }]);
    expect(silent).toEqual([{ event: 'ok' }]);
    expect(errors).toEqual([{ code: 'CORRUPT_DATA', raw: '{"event": broken', channel: 'agent:events' }]);
  });

  it('a throwing handler neither stops the others nor the connection', async () => {
    const adapter = f.adapter();
    const errors: unknown[] = [];
    const got: unknown[] = [];
    await adapter.events.subscribe(
      'jobs',
      () => {
        throw new Error('handler bug');
      },
      { onError: (error) => errors.push((error as { code?: unknown }).code) },
    );
    await adapter.events.subscribe('jobs', (m) => got.push(m.payload));
    await adapter.events.publish('jobs', 1);
    await adapter.events.publish('jobs', 2);
    await eventually(() => got.length === 2);
    expect(got).toEqual([1, 2]);
    expect(errors).toEqual(['INTERNAL', 'INTERNAL']);
  });

  it('publishes on the namespaced channel with the JSON bytes a foreign subscriber reads', async () => {
    // its own namespace: the adapters of the tests above still listen on agent:events
    const namespace = `${f.namespace}-bytes`;
    const adapter = f.adapter({ namespace });
    const listener = f.raw.duplicate();
    const raw: [string, string][] = [];
    listener.on('message', (channel: string, message: string) => raw.push([channel, message]));
    await listener.subscribe(`${namespace}:agent:events`);
    const event = { event: 'analysis_complete', agent_id: 'a1', task_id: 't1', findings_count: 3 };
    expect(await adapter.events.publish('agent:events', event)).toBe(1);
    await eventually(() => raw.length === 1);
    expect(raw).toEqual([[`${namespace}:agent:events`, JSON.stringify(event)]]);
    listener.disconnect();
  });
});
