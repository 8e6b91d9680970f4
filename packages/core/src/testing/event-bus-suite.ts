import { describe, expect, it } from 'vitest';
import type { BusMessage, EventBus } from '../ports/event-bus.js';
import type { JsonValue } from '../schemas/json.js';
import { type BadCall, badIdCalls, expectAllRejected, oversize, show, waitFor } from './assertions.js';
import { type AdapterFactory, itNeeds, type SuiteOptions, useAdapterHarness } from './harness.js';

/** Collects what a handler receives. */
function inbox() {
  const messages: BusMessage[] = [];
  return { messages, handler: (m: BusMessage) => void messages.push(m) };
}

/**
 * Publishes `marker` on `channel` and waits until `box` got it. Messages published earlier from the
 * same caller arrive before it (pub/sub keeps order per publisher), so once the marker is in, a
 * message that should not have been delivered would already be there: no sleeping, no timing.
 */
async function barrier(bus: EventBus, channel: string, box: ReturnType<typeof inbox>, marker = 'barrier') {
  await bus.publish(channel, { marker });
  await waitFor(
    () => box.messages.some((m) => (m.payload as { marker?: string } | null)?.marker === marker),
    3000,
    `marker on ${channel}`,
  );
}

const payloads = (box: ReturnType<typeof inbox>) => box.messages.map((m) => m.payload);

/**
 * EventBus: JSON round trip, channel and glob-pattern subscriptions, unsubscribe, several handlers,
 * isolation by channel and (with `connect`) by namespace. Publish counts are only compared with
 * 0 / "at least 1": backends count receivers differently (Redis counts connections).
 */
export function describeEventBus(name: string, factory: AdapterFactory, options: SuiteOptions = {}): void {
  describe(`${name}: EventBus`, () => {
    const h = useAdapterHarness(factory, options);
    const bus = () => h.adapter.events;

    it('delivers to subscribers of the channel, payload round-tripped as JSON', async () => {
      const box = inbox();
      await bus().subscribe('agent:events', box.handler);
      const sent: JsonValue[] = [
        { event: 'task_claimed', agent_id: 'a1', nested: { list: [1, 2.5, 'x', null, true] } },
        [1, 'two'],
        'text',
        42,
        true,
        null,
      ];
      for (const p of sent) expect(await bus().publish('agent:events', p)).toBeGreaterThanOrEqual(1);
      await waitFor(() => box.messages.length === sent.length, 3000, 'all payloads');
      expect(payloads(box)).toEqual(sent);
      for (const m of box.messages) {
        expect(m.channel).toBe('agent:events');
        expect(m.pattern).toBeUndefined();
      }
    });

    it('does not deliver messages of other channels', async () => {
      const box = inbox();
      await bus().subscribe('agent:events', box.handler);
      expect(await bus().publish('agent:eventsx', { n: 1 })).toBe(0);
      expect(await bus().publish('agent', { n: 2 })).toBe(0);
      await barrier(bus(), 'agent:events', box);
      expect(payloads(box)).toEqual([{ marker: 'barrier' }]);
    });

    it('psubscribe matches glob patterns and reports pattern and channel', async () => {
      const box = inbox();
      await bus().psubscribe('agent:*', box.handler);
      await bus().publish('agent:events', { n: 1 });
      await bus().publish('agent:x:y', { n: 2 });
      expect(await bus().publish('other:events', { n: 3 })).toBe(0);
      await barrier(bus(), 'agent:done', box);
      expect(box.messages.map((m) => [m.channel, m.pattern])).toEqual([
        ['agent:events', 'agent:*'],
        ['agent:x:y', 'agent:*'],
        ['agent:done', 'agent:*'],
      ]);
      expect(box.messages[0]!.payload).toEqual({ n: 1 });
    });

    it('psubscribe supports ? and [..] like Redis', async () => {
      const box = inbox();
      await bus().psubscribe('task:?', box.handler);
      await bus().psubscribe('t[ab]x', box.handler);
      for (const channel of ['task:1', 'task:12', 'task:', 'tax', 'tbx', 'tcx'])
        await bus().publish(channel, channel);
      await barrier(bus(), 'task:z', box);
      expect(payloads(box)).toEqual(['task:1', 'tax', 'tbx', { marker: 'barrier' }]);
    });

    it('unsubscribe stops delivery and is idempotent', async () => {
      const box = inbox();
      const witness = inbox();
      const sub = await bus().subscribe('jobs', box.handler);
      await bus().subscribe('witness', witness.handler);
      expect(await bus().publish('jobs', 1)).toBeGreaterThanOrEqual(1);
      await waitFor(() => box.messages.length === 1);
      await sub.unsubscribe();
      await sub.unsubscribe();
      expect(await bus().publish('jobs', 2)).toBe(0);
      await barrier(bus(), 'witness', witness);
      expect(payloads(box)).toEqual([1]);

      const pbox = inbox();
      const psub = await bus().psubscribe('jobs:*', pbox.handler);
      expect(await bus().publish('jobs:a', 3)).toBeGreaterThanOrEqual(1);
      await waitFor(() => pbox.messages.length === 1);
      await psub.unsubscribe();
      expect(await bus().publish('jobs:a', 4)).toBe(0);
      await barrier(bus(), 'witness', witness, 'barrier-2');
      expect(payloads(pbox)).toEqual([3]);
    });

    it('delivers to several handlers; unsubscribing one keeps the others', async () => {
      const one = inbox();
      const two = inbox();
      const pattern = inbox();
      const sub1 = await bus().subscribe('news', one.handler);
      await bus().subscribe('news', two.handler);
      await bus().psubscribe('new?', pattern.handler);
      expect(await bus().publish('news', 'first')).toBeGreaterThanOrEqual(1);
      await waitFor(
        () => one.messages.length === 1 && two.messages.length === 1 && pattern.messages.length === 1,
      );
      expect(pattern.messages[0]).toEqual({ channel: 'news', pattern: 'new?', payload: 'first' });
      await sub1.unsubscribe();
      expect(await bus().publish('news', 'second')).toBeGreaterThanOrEqual(1);
      await barrier(bus(), 'news', two);
      expect(payloads(one)).toEqual(['first']);
      expect(payloads(two)).toEqual(['first', 'second', { marker: 'barrier' }]);
    });

    it('refuses bad input on every method and subscribes nothing', async () => {
      const max = h.config.limits.maxValueBytes;
      const b = bus();
      const noop = () => {};
      const badPayloads: unknown[] = [
        undefined,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        { n: Number.NaN },
        [1, () => 2],
        noop,
      ];
      const badPatterns: unknown[] = ['', 'a{b}', 'a b', 'a\nb', 'p'.repeat(200), 42, null, undefined];
      const calls: BadCall[] = [
        ...badIdCalls('publish', (ch) => b.publish(ch, 1)),
        { label: 'publish(agent:*)', call: () => b.publish('agent:*', 1) },
        ...badPayloads.map((p) => ({
          label: `publish(free, ${show(p)})`,
          call: () => b.publish('free', p as never),
        })),
        { label: 'publish(oversize)', call: () => b.publish('free', oversize(max)), codes: 'TOO_LARGE' },
        ...badIdCalls('subscribe', (ch) => b.subscribe(ch, noop)),
        { label: 'subscribe(free:*)', call: () => b.subscribe('free:*', noop) },
        ...[undefined, null, 'handler', {}].map((fn) => ({
          label: `subscribe(free, ${show(fn)})`,
          call: () => b.subscribe('free', fn as never),
        })),
        ...badPatterns.map((p) => ({
          label: `psubscribe(${show(p)})`,
          call: () => b.psubscribe(p as never, noop),
        })),
        ...[undefined, null, 'handler'].map((fn) => ({
          label: `psubscribe(free:*, ${show(fn)})`,
          call: () => b.psubscribe('free:*', fn as never),
        })),
      ];
      await expectAllRejected(calls);
      expect(await b.publish('free', 1)).toBe(0);
      expect(await b.publish('free:x', 1)).toBe(0);
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        const same = await h.connect();
        const other = await h.connect(`${h.config.namespace}-other`);
        const sameBox = inbox();
        const otherBox = inbox();
        const otherAll = inbox();
        await same.events.subscribe('agent:events', sameBox.handler);
        await other.events.subscribe('agent:events', otherBox.handler);
        await other.events.psubscribe('*', otherAll.handler);
        await bus().publish('agent:events', { from: 'a' });
        await waitFor(() => sameBox.messages.length === 1, 3000, 'delivery to the same namespace');
        expect(sameBox.messages[0]).toEqual({ channel: 'agent:events', payload: { from: 'a' } });
        await barrier(other.events, 'agent:events', otherBox);
        await waitFor(() => otherAll.messages.length === 1, 3000, 'the marker on the pattern');
        expect(payloads(otherBox)).toEqual([{ marker: 'barrier' }]);
        expect(otherAll.messages).toEqual([
          { channel: 'agent:events', pattern: '*', payload: { marker: 'barrier' } },
        ]);
      },
    );
  });
}
