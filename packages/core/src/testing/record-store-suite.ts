import { describe, expect, it } from 'vitest';
import { type BadCall, badIdCalls, expectAllRejected, oversize, show } from './assertions.js';
import { type AdapterFactory, itNeeds, type SuiteOptions, useAdapterHarness } from './harness.js';

/** RecordStore: put/get/list/delete, versions, ifAbsent, ifVersion (compare-and-set), TTL, validation. */
export function describeRecordStore(name: string, factory: AdapterFactory, options: SuiteOptions = {}): void {
  describe(`${name}: RecordStore`, () => {
    const h = useAdapterHarness(factory, options);
    const u = h.unit;
    const records = () => h.adapter.records;
    const ttlMs = 3 * u;

    it('puts a record at version 1 and reads it back', async () => {
      const value = { status: 'alive', load: 0.5, tags: ['a', 'b'], nested: { ok: true, none: null } };
      const stored = await records().put('agents', 'a1', value, { ttlMs });
      expect(stored).toEqual({ id: 'a1', value, version: 1, expiresAt: expect.any(Number) });
      const read = await records().get('agents', 'a1');
      expect(read).toEqual({ ...stored, expiresAt: expect.any(Number) });
      expect(Math.abs(read!.expiresAt - stored!.expiresAt)).toBeLessThanOrEqual(5);
      expect(await records().get('agents', 'nobody')).toBeNull();
      expect(await records().get('empty-collection', 'a1')).toBeNull();
    });

    it('hands out copies: changing a returned or given value changes nothing stored', async () => {
      const value = { list: [1], nested: { n: 1 } };
      const stored = (await records().put('agents', 'a1', value, { ttlMs }))!;
      value.list.push(2);
      stored.value.nested = { n: 2 };
      const read = (await records().get('agents', 'a1'))!;
      (read.value.list as number[]).push(3);
      (await records().list('agents'))[0]!.value.extra = true;
      expect((await records().get('agents', 'a1'))!.value).toEqual({ list: [1], nested: { n: 1 } });
    });

    it('bumps the version on every put and replaces the value', async () => {
      await records().put('agents', 'a1', { n: 1, old: true }, { ttlMs });
      const second = await records().put('agents', 'a1', { n: 2 }, { ttlMs });
      const third = await records().put('agents', 'a1', { n: 3 }, { ttlMs });
      expect(second).toMatchObject({ version: 2, value: { n: 2 } });
      expect(third).toMatchObject({ version: 3, value: { n: 3 } });
      expect(await records().get('agents', 'a1')).toMatchObject({ version: 3, value: { n: 3 } });
    });

    it('expiresAt is put time + ttlMs', async () => {
      const a = (await records().put('agents', 'a1', {}, { ttlMs }))!;
      await h.advance(u);
      const b = (await records().put('agents', 'a2', {}, { ttlMs: 2 * ttlMs }))!;
      const gap = b.expiresAt - a.expiresAt;
      expect(gap).toBeGreaterThanOrEqual(ttlMs + u / 2);
      expect(gap).toBeLessThanOrEqual(ttlMs + 2 * u);
    });

    it('lists live records of a collection ordered by id; collections are separate', async () => {
      for (const id of ['c', 'a', 'b']) await records().put('agents', id, { id }, { ttlMs });
      await records().put('tasks', 'a', { other: true }, { ttlMs });
      const listed = await records().list('agents');
      expect(listed.map((r) => r.id)).toEqual(['a', 'b', 'c']);
      expect(listed.map((r) => r.value)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      expect(listed.every((r) => r.version === 1)).toBe(true);
      expect((await records().list('tasks')).map((r) => r.value)).toEqual([{ other: true }]);
      expect(await records().list('never-used')).toEqual([]);
    });

    it('deletes, optionally only at a version', async () => {
      await records().put('agents', 'a1', { n: 1 }, { ttlMs });
      await records().put('agents', 'a1', { n: 2 }, { ttlMs });
      expect(await records().delete('agents', 'a1', { ifVersion: 1 })).toBe(false);
      expect(await records().get('agents', 'a1')).toMatchObject({ version: 2 });
      expect(await records().delete('agents', 'a1', { ifVersion: 2 })).toBe(true);
      expect(await records().get('agents', 'a1')).toBeNull();
      expect(await records().delete('agents', 'a1')).toBe(false);
      await records().put('agents', 'a2', {}, { ttlMs });
      expect(await records().delete('agents', 'a2')).toBe(true);
      expect(await records().list('agents')).toEqual([]);
    });

    it('ifAbsent writes only when no live record has the id', async () => {
      const first = await records().put('done', 't1', { by: 'a' }, { ttlMs, ifAbsent: true });
      expect(first).toMatchObject({ version: 1, value: { by: 'a' } });
      expect(await records().put('done', 't1', { by: 'b' }, { ttlMs, ifAbsent: true })).toBeNull();
      expect(await records().get('done', 't1')).toEqual(first);
      await records().delete('done', 't1');
      expect(await records().put('done', 't1', { by: 'c' }, { ttlMs, ifAbsent: true })).toMatchObject({
        value: { by: 'c' },
      });
    });

    it('ifVersion is compare-and-set', async () => {
      await records().put('cand', 'p1', { state: 'staged' }, { ttlMs });
      expect(await records().put('cand', 'p1', { state: 'x' }, { ttlMs, ifVersion: 2 })).toBeNull();
      expect(await records().put('cand', 'missing', { state: 'x' }, { ttlMs, ifVersion: 1 })).toBeNull();
      expect(await records().get('cand', 'missing')).toBeNull();
      const next = await records().put('cand', 'p1', { state: 'promoted' }, { ttlMs, ifVersion: 1 });
      expect(next).toMatchObject({ version: 2, value: { state: 'promoted' } });
      expect(await records().put('cand', 'p1', { state: 'again' }, { ttlMs, ifVersion: 1 })).toBeNull();
      expect(await records().get('cand', 'p1')).toEqual(next);
    });

    it('lets exactly one of 10 racing ifVersion puts win', async () => {
      await records().put('cand', 'p1', { winner: null }, { ttlMs });
      const racers = Array.from({ length: 10 }, (_, i) => `agent-${i}`);
      const results = await Promise.all(
        racers.map((r) => records().put('cand', 'p1', { winner: r }, { ttlMs, ifVersion: 1 })),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await records().get('cand', 'p1')).toEqual(winners[0]);
      expect(winners[0]!.version).toBe(2);
    });

    it('expires after its TTL (gone from get and list); a put resets the TTL', async () => {
      await records().put('agents', 'short', { n: 1 }, { ttlMs });
      await records().put('agents', 'long', { n: 1 }, { ttlMs: 3 * ttlMs });
      await h.advance(2 * u);
      await records().put('agents', 'short', { n: 2 }, { ttlMs });
      await h.advance(2 * u);
      expect((await records().list('agents')).map((r) => r.id)).toEqual(['long', 'short']);
      await h.advance(2 * u);
      expect((await records().list('agents')).map((r) => r.id)).toEqual(['long']);
      expect(await records().get('agents', 'short')).toBeNull();
      expect(await records().delete('agents', 'short')).toBe(false);
      const reborn = await records().put('agents', 'short', { n: 3 }, { ttlMs, ifAbsent: true });
      expect(reborn).toMatchObject({ version: 1, value: { n: 3 } });
    });

    it('refuses bad input on every method and changes nothing', async () => {
      const max = h.config.limits.maxValueBytes;
      const r = records();
      const kept = (await r.put('keep', 'k1', { n: 1 }, { ttlMs }))!;
      const badValues: unknown[] = [
        null,
        [],
        'text',
        5,
        true,
        { n: Number.NaN },
        { f: () => 1 },
        { n: undefined, d: new Date(0) },
      ];
      const badOptions: unknown[] = [
        undefined,
        null,
        {},
        { ttlMs: 0 },
        { ttlMs: -1 },
        { ttlMs: 1.5 },
        { ttlMs: '1000' },
        { ttlMs, ifVersion: 0 },
        { ttlMs, ifVersion: -1 },
        { ttlMs, ifVersion: 1.5 },
        { ttlMs, ifVersion: '1' },
        { ttlMs, ifAbsent: 'yes' },
      ];
      const calls: BadCall[] = [
        ...badIdCalls('put(collection)', (c) => r.put(c, 'k1', { n: 2 }, { ttlMs })),
        ...badIdCalls('put(id)', (id) => r.put('keep', id, { n: 2 }, { ttlMs })),
        ...badValues.map((v) => ({
          label: `put(value ${show(v)})`,
          call: () => r.put('keep', 'k1', v as never, { ttlMs }),
        })),
        ...badOptions.map((o) => ({
          label: `put(options ${show(o)})`,
          call: () => r.put('keep', 'k1', { n: 2 }, o as never),
        })),
        {
          label: 'put(oversize)',
          call: () => r.put('keep', 'k1', { blob: oversize(max) }, { ttlMs }),
          codes: 'TOO_LARGE',
        },
        ...badIdCalls('get(collection)', (c) => r.get(c, 'k1')),
        ...badIdCalls('get(id)', (id) => r.get('keep', id)),
        ...badIdCalls('list', (c) => r.list(c)),
        ...badIdCalls('delete(collection)', (c) => r.delete(c, 'k1')),
        ...badIdCalls('delete(id)', (id) => r.delete('keep', id)),
        ...[{ ifVersion: 0 }, { ifVersion: 1.5 }, { ifVersion: '1' }, 'x'].map((o) => ({
          label: `delete(options ${show(o)})`,
          call: () => r.delete('keep', 'k1', o as never),
        })),
      ];
      await expectAllRejected(calls);
      expect(await r.get('keep', 'k1')).toEqual({ ...kept, expiresAt: expect.any(Number) });
      expect(await r.list('keep')).toHaveLength(1);
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        const mine = await records().put('agents', 'a1', { ns: 'mine' }, { ttlMs });
        const same = await h.connect();
        const other = await h.connect(`${h.config.namespace}-other`);
        expect(await same.records.put('agents', 'a1', { ns: 'same' }, { ttlMs, ifAbsent: true })).toBeNull();
        expect(await same.records.get('agents', 'a1')).toMatchObject({ value: mine!.value, version: 1 });
        expect(await other.records.get('agents', 'a1')).toBeNull();
        await other.records.put('agents', 'a1', { ns: 'other' }, { ttlMs });
        expect(await records().get('agents', 'a1')).toMatchObject({ value: { ns: 'mine' }, version: 1 });
        await other.records.delete('agents', 'a1');
      },
    );
  });
}
