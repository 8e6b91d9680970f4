import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../schemas/json.js';
import { compareStreamIds } from '../schemas/log-entry.js';
import {
  type BadCall,
  badIdCalls,
  expectAllRejected,
  expectMemoryError,
  isStreamId,
  oversize,
  show,
  sleep,
  streamIdMs,
} from './assertions.js';
import { type AdapterFactory, itNeeds, type SuiteOptions, useAdapterHarness } from './harness.js';

/**
 * EventLog: `<ms>-<seq>` ids, range with exclusive `after`, inclusive `to` and `count`, consumer
 * groups (each entry once per group, pending until acked, claimStale after idle), rough MAXLEN
 * trimming, and a TTL (`ttl.eventLogMs`, 6 units in the suite) reset by every append.
 */
export function describeEventLog(name: string, factory: AdapterFactory, options: SuiteOptions = {}): void {
  describe(`${name}: EventLog`, () => {
    const h = useAdapterHarness(factory, options);
    const u = h.unit;
    const log = () => h.adapter.log;
    const appendAll = async (stream: string, n: number, from = 0) => {
      const ids: string[] = [];
      for (let i = from; i < from + n; i++) ids.push(await log().append(stream, { i }));
      return ids;
    };
    const values = (entries: { data: { i?: unknown } }[]) => entries.map((e) => e.data.i);

    it('appends entries with strictly increasing <ms>-<seq> ids and reads them oldest first', async () => {
      const data: JsonObject[] = [
        { event: 'a', n: 1, nested: { ok: true } },
        { event: 'b' },
        { event: 'c', list: [1, null] },
      ];
      const ids: string[] = [];
      for (const d of data) ids.push(await log().append('audit', d));
      for (const id of ids) expect(isStreamId(id)).toBe(true);
      for (let i = 1; i < ids.length; i++) expect(compareStreamIds(ids[i]!, ids[i - 1]!)).toBe(1);
      expect(await log().range('audit')).toEqual(data.map((d, i) => ({ id: ids[i], data: d })));
      expect(await log().length('audit')).toBe(3);
      expect(await log().range('never-written')).toEqual([]);
      expect(await log().length('never-written')).toBe(0);
    });

    it('takes the milliseconds of ids from the clock', async () => {
      const a = await log().append('audit', { n: 1 });
      await h.advance(u);
      const b = await log().append('audit', { n: 2 });
      const gap = streamIdMs(b) - streamIdMs(a);
      expect(gap).toBeGreaterThanOrEqual(u / 2);
      expect(gap).toBeLessThanOrEqual(2 * u);
    });

    it('range honours after (exclusive), to (inclusive) and count', async () => {
      const ids = await appendAll('audit', 6);
      expect(values(await log().range('audit', { after: ids[1] }))).toEqual([2, 3, 4, 5]);
      expect(values(await log().range('audit', { to: ids[2] }))).toEqual([0, 1, 2]);
      expect(values(await log().range('audit', { after: ids[0], to: ids[3] }))).toEqual([1, 2, 3]);
      expect(values(await log().range('audit', { count: 2 }))).toEqual([0, 1]);
      expect(values(await log().range('audit', { after: ids[2], count: 2 }))).toEqual([3, 4]);
      expect(await log().range('audit', { after: ids[5] })).toEqual([]);
      expect(values(await log().range('audit', { after: '0-0' }))).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('createGroup: "0" reads everything, "$" only new entries; an existing group is left alone', async () => {
      await appendAll('audit', 2);
      await log().createGroup('audit', 'from-start', '0');
      await log().createGroup('audit', 'from-now', '$');
      await log().createGroup('audit', 'default');
      await appendAll('audit', 1, 2);
      await log().createGroup('audit', 'from-now', '0');
      await log().createGroup('audit', 'from-start', '$');
      expect(values(await log().readGroup('audit', 'from-start', 'c1'))).toEqual([0, 1, 2]);
      expect(values(await log().readGroup('audit', 'from-now', 'c1'))).toEqual([2]);
      expect(values(await log().readGroup('audit', 'default', 'c1'))).toEqual([2]);
    });

    it('createGroup on a stream that does not exist yet makes it readable', async () => {
      await log().createGroup('fresh', 'workers', '$');
      expect(await log().readGroup('fresh', 'workers', 'c1')).toEqual([]);
      await appendAll('fresh', 2);
      expect(values(await log().readGroup('fresh', 'workers', 'c1'))).toEqual([0, 1]);
    });

    it('readGroup of a missing group is NOT_FOUND', async () => {
      await appendAll('audit', 1);
      await expectMemoryError(
        'readGroup(no group)',
        () => log().readGroup('audit', 'nobody', 'c1'),
        'NOT_FOUND',
      );
    });

    it('delivers each entry once per group across consumers; groups are independent', async () => {
      await log().createGroup('audit', 'g1', '$');
      await log().createGroup('audit', 'g2', '$');
      await appendAll('audit', 5);
      const first = await log().readGroup('audit', 'g1', 'c1', { count: 2 });
      const second = await log().readGroup('audit', 'g1', 'c2');
      const third = await log().readGroup('audit', 'g1', 'c1');
      expect(values(first)).toEqual([0, 1]);
      expect(values(second)).toEqual([2, 3, 4]);
      expect(third).toEqual([]);
      expect(values(await log().readGroup('audit', 'g2', 'c9'))).toEqual([0, 1, 2, 3, 4]);
      await appendAll('audit', 1, 5);
      expect(values(await log().readGroup('audit', 'g1', 'c2'))).toEqual([5]);
      expect(second).toEqual((await log().range('audit')).slice(2, 5));
    });

    it('keeps delivered entries pending until acked', async () => {
      await log().createGroup('audit', 'g', '$');
      const ids = await appendAll('audit', 3);
      await log().readGroup('audit', 'g', 'c1', { count: 2 });
      await log().readGroup('audit', 'g', 'c2');
      const pending = await log().pending('audit', 'g');
      expect(pending.map((p) => [p.id, p.consumer, p.deliveries])).toEqual([
        [ids[0], 'c1', 1],
        [ids[1], 'c1', 1],
        [ids[2], 'c2', 1],
      ]);
      for (const p of pending) expect(p.idleMs).toBeGreaterThanOrEqual(0);
      expect(await log().ack('audit', 'g', [ids[0]!, ids[2]!])).toBe(2);
      expect(await log().ack('audit', 'g', [ids[0]!])).toBe(0);
      expect(await log().ack('audit', 'g', [])).toBe(0);
      expect((await log().pending('audit', 'g')).map((p) => p.id)).toEqual([ids[1]]);
      expect(await log().readGroup('audit', 'g', 'c1')).toEqual([]);
    });

    it('claimStale hands entries idle long enough to another consumer', async () => {
      await log().createGroup('audit', 'g', '$');
      const ids = await appendAll('audit', 3);
      await log().readGroup('audit', 'g', 'crashed');
      expect(await log().claimStale('audit', 'g', 'rescuer', 10 * u)).toEqual([]);
      await h.advance(2 * u);
      const idle = await log().pending('audit', 'g');
      for (const p of idle) expect(p.idleMs).toBeGreaterThanOrEqual(u);
      const claimed = await log().claimStale('audit', 'g', 'rescuer', u, 2);
      expect(values(claimed)).toEqual([0, 1]);
      const rest = await log().claimStale('audit', 'g', 'rescuer', u);
      expect(values(rest)).toEqual([2]);
      const after = await log().pending('audit', 'g');
      expect(after.map((p) => [p.id, p.consumer, p.deliveries])).toEqual(ids.map((id) => [id, 'rescuer', 2]));
      expect(await log().claimStale('audit', 'g', 'other', u)).toEqual([]);
      await appendAll('audit', 1, 3);
      expect(values(await log().readGroup('audit', 'g', 'rescuer'))).toEqual([3]);
    });

    it('readGroup with blockMs waits for a new entry, or returns [] when none comes', async () => {
      await log().createGroup('audit', 'g', '$');
      const waiting = log().readGroup('audit', 'g', 'c1', { blockMs: 5000 });
      await sleep(50);
      await log().append('audit', { i: 'late' });
      expect(values(await waiting)).toEqual(['late']);
      expect(await log().readGroup('audit', 'g', 'c1', { blockMs: 50 })).toEqual([]);
    });

    it('trims the stream to roughly eventLogMaxLength, keeping the newest', async () => {
      const max = h.config.limits.eventLogMaxLength;
      const ids = await appendAll('audit', max * 15);
      const length = await log().length('audit');
      expect(length).toBeGreaterThanOrEqual(max);
      expect(length).toBeLessThan(max * 10);
      const entries = await log().range('audit');
      expect(entries).toHaveLength(length);
      expect(entries.map((e) => e.id)).toEqual(ids.slice(-length));
    });

    it('expires after eventLogMs; every append resets the TTL', async () => {
      await log().append('audit', { n: 1 });
      await h.advance(4 * u);
      await log().append('audit', { n: 2 });
      await h.advance(4 * u);
      expect(await log().length('audit')).toBe(2);
      await h.advance(3 * u);
      expect(await log().length('audit')).toBe(0);
      expect(await log().range('audit')).toEqual([]);
    });

    it('refuses bad input on every method and changes nothing', async () => {
      const max = h.config.limits.maxValueBytes;
      const l = log();
      await l.createGroup('keep', 'g', '0');
      const ids = await appendAll('keep', 3);
      await l.readGroup('keep', 'g', 'c1', { count: 1 });
      const before = { entries: await l.range('keep'), pending: await l.pending('keep', 'g') };
      const badIds: unknown[] = ['abc', '1-', '-1', '1.5-0', 42, null];
      const calls: BadCall[] = [
        ...badIdCalls('append', (s) => l.append(s, { i: 'bad' })),
        ...[null, [], 'text', 7, { n: Number.NaN }, { f: () => 1 }].map((d) => ({
          label: `append(keep, ${show(d)})`,
          call: () => l.append('keep', d as never),
        })),
        {
          label: 'append(oversize)',
          call: () => l.append('keep', { blob: oversize(max) }),
          codes: 'TOO_LARGE',
        },
        ...badIdCalls('range', (s) => l.range(s)),
        ...badIds.map((id) => ({
          label: `range(after ${show(id)})`,
          call: () => l.range('keep', { after: id as never }),
        })),
        ...badIds.map((id) => ({
          label: `range(to ${show(id)})`,
          call: () => l.range('keep', { to: id as never }),
        })),
        ...[0, -1, 1.5, '2'].map((c) => ({
          label: `range(count ${show(c)})`,
          call: () => l.range('keep', { count: c as never }),
        })),
        { label: 'range(keep, "x")', call: () => l.range('keep', 'x' as never) },
        ...badIdCalls('length', (s) => l.length(s)),
        ...badIdCalls('createGroup(stream)', (s) => l.createGroup(s, 'g2')),
        ...badIdCalls('createGroup(group)', (g) => l.createGroup('keep', g)),
        ...['abc', '', 42, '>'].map((id) => ({
          label: `createGroup(start ${show(id)})`,
          call: () => l.createGroup('keep', 'g2', id as never),
        })),
        ...badIdCalls('readGroup(stream)', (s) => l.readGroup(s, 'g', 'c1')),
        ...badIdCalls('readGroup(group)', (g) => l.readGroup('keep', g, 'c1')),
        ...badIdCalls('readGroup(consumer)', (c) => l.readGroup('keep', 'g', c)),
        ...[{ count: 0 }, { count: -1 }, { count: 1.5 }, { blockMs: -1 }, { blockMs: 'x' }, 'x'].map((o) => ({
          label: `readGroup(${show(o)})`,
          call: () => l.readGroup('keep', 'g', 'c1', o as never),
        })),
        ...badIdCalls('ack(stream)', (s) => l.ack(s, 'g', [ids[0]!])),
        ...badIdCalls('ack(group)', (g) => l.ack('keep', g, [ids[0]!])),
        ...[['abc'], [ids[0], 'abc'], 'x', null, [42]].map((list) => ({
          label: `ack(${show(list)})`,
          call: () => l.ack('keep', 'g', list as never),
        })),
        ...badIdCalls('pending(stream)', (s) => l.pending(s, 'g')),
        ...badIdCalls('pending(group)', (g) => l.pending('keep', g)),
        ...badIdCalls('claimStale(stream)', (s) => l.claimStale(s, 'g', 'c2', 0)),
        ...badIdCalls('claimStale(group)', (g) => l.claimStale('keep', g, 'c2', 0)),
        ...badIdCalls('claimStale(consumer)', (c) => l.claimStale('keep', 'g', c, 0)),
        ...[-1, 1.5, Number.NaN, '0', undefined].map((ms) => ({
          label: `claimStale(minIdle ${show(ms)})`,
          call: () => l.claimStale('keep', 'g', 'c2', ms as never),
        })),
        ...[0, -1, 1.5, '1'].map((c) => ({
          label: `claimStale(count ${show(c)})`,
          call: () => l.claimStale('keep', 'g', 'c2', 0, c as never),
        })),
      ];
      await expectAllRejected(calls);
      expect(await l.range('keep')).toEqual(before.entries);
      const pending = await l.pending('keep', 'g');
      expect(pending.map((p) => [p.id, p.consumer, p.deliveries])).toEqual(
        before.pending.map((p) => [p.id, p.consumer, p.deliveries]),
      );
      expect(values(await l.readGroup('keep', 'g', 'c1'))).toEqual([1, 2]);
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        const same = await h.connect();
        const other = await h.connect(`${h.config.namespace}-other`);
        await log().createGroup('audit', 'g', '$');
        await log().append('audit', { i: 'mine' });
        await other.log.append('audit', { i: 'elsewhere' });
        expect(values(await same.log.readGroup('audit', 'g', 'c2'))).toEqual(['mine']);
        expect(values(await other.log.range('audit'))).toEqual(['elsewhere']);
        await expectMemoryError(
          'other.readGroup',
          () => other.log.readGroup('audit', 'g', 'c1'),
          'NOT_FOUND',
        );
      },
    );
  });
}
