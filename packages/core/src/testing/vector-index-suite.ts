import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VectorIndex, VectorUpsertItem } from '../ports/vector-index.js';
import type { ShortTermConfig } from '../schemas/config.js';
import { type BadCall, badIdCalls, expectAllRejected, expectMemoryError, show } from './assertions.js';
import { createConformanceConfig, itNeeds, requireConnect, type SuiteOptions, timeUnit } from './harness.js';

export interface VectorIndexHarness {
  index: VectorIndex;
  /** Move time forward: advance a ManualClock locally; really sleep on Redis. */
  advance(ms: number): Promise<void>;
  /** Closes the adapter the index belongs to (later calls must fail with CLOSED). */
  close(): Promise<void>;
  /** Called after each test; must tolerate a closed adapter. */
  teardown?(): Promise<void>;
  /** Optional: the index of another adapter on the same backend (a second process) with this config. */
  connect?(config: ShortTermConfig): Promise<{ index: VectorIndex; close(): Promise<void> }>;
}

/** Called in beforeEach with a fresh config (unique namespace, small limits). */
export type VectorIndexFactory = (config: ShortTermConfig) => Promise<VectorIndexHarness>;

/** VectorIndex: upsert/get/list/search/remove/drop, filters, dimensions, TTL, validation, sharing. */
export function describeVectorIndex(
  name: string,
  factory: VectorIndexFactory,
  options: SuiteOptions = {},
): void {
  describe(`${name}: VectorIndex`, () => {
    const u = timeUnit(options);
    const ttlMs = 3 * u;
    let harness: VectorIndexHarness | undefined;
    let config: ShortTermConfig;
    const peers: { close(): Promise<void> }[] = [];
    const h = () => harness!;
    const idx = () => h().index;

    beforeEach(async () => {
      config = createConformanceConfig(options);
      harness = await factory(config);
    });
    afterEach(async () => {
      await Promise.allSettled(peers.splice(0).map((p) => p.close()));
      await harness?.teardown?.();
      harness = undefined;
    });

    const items: VectorUpsertItem[] = [
      { id: 'east', vector: [1, 0, 0], attributes: { kind: 'bug-fix', tags: ['auth', 'login'], ts: 100 } },
      { id: 'north', vector: [0, 1, 0], attributes: { kind: 'convention', tags: ['style'], ts: 200 } },
      { id: 'northeast', vector: [1, 1, 0], attributes: { kind: 'bug-fix', tags: ['auth'], ts: 300 } },
      { id: 'up', vector: [0, 0, 2], attributes: { kind: 'tech-debt', tags: [], ts: 400, done: true } },
    ];

    it('stores vectors and attributes exactly and reads them back as copies', async () => {
      const value = [0.1, -2.5, 3.75];
      await idx().upsert('c', [{ id: 'a', vector: value, attributes: { kind: 'x', n: 1.5, ok: false } }], {
        ttlMs,
      });
      const read = await idx().get('c', 'a');
      expect(read?.id).toBe('a');
      expect(read?.vector).toBeInstanceOf(Float32Array);
      expect([...read!.vector]).toEqual([...Float32Array.from(value)]);
      expect(read?.attributes).toEqual({ kind: 'x', n: 1.5, ok: false });
      read!.vector[0] = 99;
      read!.attributes.kind = 'changed';
      expect((await idx().get('c', 'a'))?.vector[0]).toBeCloseTo(0.1, 6);
      expect((await idx().get('c', 'a'))?.attributes.kind).toBe('x');
      expect(await idx().get('c', 'missing')).toBeNull();
      expect(await idx().get('never-used', 'a')).toBeNull();
    });

    it('finds the nearest items by cosine similarity, best first, k at most', async () => {
      await idx().upsert('c', items, { ttlMs });
      const hits = await idx().search('c', [1, 0.2, 0], { k: 3 });
      expect(hits.map((m) => m.id)).toEqual(['east', 'northeast', 'north']);
      const norm = Math.hypot(1, 0.2);
      expect(hits[0]!.score).toBeCloseTo(1 / norm, 5);
      expect(hits[1]!.score).toBeCloseTo(1.2 / (norm * Math.SQRT2), 5);
      expect(hits[0]!.attributes).toEqual(items[0]!.attributes);
      expect(await idx().search('c', [0, 0, 5], { k: 1 })).toEqual([
        { id: 'up', score: expect.closeTo(1, 5), attributes: items[3]!.attributes },
      ]);
      expect((await idx().search('c', [1, 0, 0])).map((m) => m.id)).toHaveLength(4);
      expect(await idx().search('empty', [1, 0, 0])).toEqual([]);
    });

    it('orders equal scores by id and honours minScore', async () => {
      await idx().upsert(
        'c',
        ['b', 'a', 'c'].map((id) => ({ id, vector: [1, 1] })),
        { ttlMs },
      );
      await idx().upsert('c', [{ id: 'z', vector: [-1, 0] }], { ttlMs });
      expect((await idx().search('c', [2, 2])).map((m) => m.id)).toEqual(['a', 'b', 'c', 'z']);
      expect((await idx().search('c', [2, 2], { minScore: 0 })).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    });

    it('filters by attribute: equality, membership, anyOf, allOf, ranges; a missing attribute never matches', async () => {
      await idx().upsert('c', items, { ttlMs });
      const ids = async (where: Parameters<VectorIndex['search']>[2]) =>
        (await idx().search('c', [1, 1, 1], where)).map((m) => m.id).sort();
      expect(await ids({ where: { kind: 'bug-fix' } })).toEqual(['east', 'northeast']);
      expect(await ids({ where: { tags: 'auth' } })).toEqual(['east', 'northeast']);
      expect(await ids({ where: { kind: { anyOf: ['convention', 'tech-debt'] } } })).toEqual(['north', 'up']);
      expect(await ids({ where: { tags: { allOf: ['auth', 'login'] } } })).toEqual(['east']);
      expect(await ids({ where: { ts: { gte: 200, lte: 300 } } })).toEqual(['north', 'northeast']);
      expect(await ids({ where: { ts: { lte: 100 } } })).toEqual(['east']);
      expect(await ids({ where: { done: true } })).toEqual(['up']);
      expect(await ids({ where: { kind: 'bug-fix', ts: { gte: 150 } } })).toEqual(['northeast']);
      expect(await ids({ where: { nope: 'x' } })).toEqual([]);
      expect(await ids({ where: { kind: { gte: 0 } } })).toEqual([]);
      // the filter applies before k: the best matching items are returned, not the best k filtered
      expect(
        (await idx().search('c', [1, 0, 0], { k: 1, where: { kind: 'tech-debt' } })).map((m) => m.id),
      ).toEqual(['up']);
    });

    it('replaces an item on upsert and lists ids with attributes in id order', async () => {
      await idx().upsert('c', items, { ttlMs });
      await idx().upsert('c', [{ id: 'east', vector: [0, -1, 0], attributes: { kind: 'moved' } }], { ttlMs });
      expect((await idx().get('c', 'east'))?.attributes).toEqual({ kind: 'moved' });
      expect((await idx().search('c', [0, -1, 0], { k: 1 }))[0]?.id).toBe('east');
      const listed = await idx().list('c');
      expect(listed.map((e) => e.id)).toEqual(['east', 'north', 'northeast', 'up']);
      expect(listed[0]).toEqual({ id: 'east', attributes: { kind: 'moved' } });
      expect(await idx().count('c')).toBe(4);
      expect(await idx().list('never-used')).toEqual([]);
      expect(await idx().count('never-used')).toBe(0);
    });

    it('removes items and drops collections', async () => {
      await idx().upsert('c', items, { ttlMs });
      await idx().upsert('other', items, { ttlMs });
      expect(await idx().remove('c', ['east', 'nobody', 'up'])).toBe(2);
      expect((await idx().list('c')).map((e) => e.id)).toEqual(['north', 'northeast']);
      expect((await idx().search('c', [1, 0, 0])).map((m) => m.id)).toEqual(['northeast', 'north']);
      expect(await idx().remove('c', [])).toBe(0);
      expect(await idx().drop('c')).toBe(true);
      expect(await idx().drop('c')).toBe(false);
      expect(await idx().count('c')).toBe(0);
      expect(await idx().count('other')).toBe(4);
      // a dropped collection takes a new dimension
      await idx().upsert('c', [{ id: 'a', vector: [1, 2, 3, 4, 5] }], { ttlMs });
      expect(await idx().count('c')).toBe(1);
    });

    it('keeps one dimension per collection and writes nothing from a refused batch', async () => {
      await idx().upsert('c', [{ id: 'a', vector: [1, 0, 0] }], { ttlMs });
      await expectMemoryError(
        'upsert of another dimension',
        () =>
          idx().upsert(
            'c',
            [
              { id: 'b', vector: [1, 0, 0] },
              { id: 'x', vector: [1, 0] },
            ],
            { ttlMs },
          ),
        'INVALID_INPUT',
      );
      await expectMemoryError(
        'mixed dimensions in a new collection',
        () =>
          idx().upsert(
            'fresh',
            [
              { id: 'a', vector: [1, 0] },
              { id: 'b', vector: [1, 0, 0] },
            ],
            { ttlMs },
          ),
        'INVALID_INPUT',
      );
      await expectMemoryError(
        'search of another dimension',
        () => idx().search('c', [1, 0]),
        'INVALID_INPUT',
      );
      expect((await idx().list('c')).map((e) => e.id)).toEqual(['a']);
      expect(await idx().count('fresh')).toBe(0);
    });

    it('expires the whole collection ttlMs after its last write; each write resets the TTL', async () => {
      await idx().upsert('c', [{ id: 'old', vector: [1, 0] }], { ttlMs });
      await idx().upsert('short', [{ id: 'a', vector: [1, 0] }], { ttlMs });
      await h().advance(2 * u);
      await idx().upsert('c', [{ id: 'new', vector: [0, 1] }], { ttlMs });
      await h().advance(2 * u);
      expect((await idx().list('c')).map((e) => e.id)).toEqual(['new', 'old']);
      expect(await idx().count('short')).toBe(0);
      expect(await idx().search('short', [1, 0])).toEqual([]);
      await idx().remove('c', ['new']);
      await h().advance(2 * u);
      expect(await idx().count('c')).toBe(1);
      await h().advance(2 * u);
      expect(await idx().count('c')).toBe(0);
      expect(await idx().get('c', 'old')).toBeNull();
      // an expired collection forgets its dimension too
      await idx().upsert('c', [{ id: 'a', vector: [1, 2, 3] }], { ttlMs });
      expect(await idx().count('c')).toBe(1);
    });

    it('returns the exact top k among many vectors, for dense and sparse queries', async () => {
      const dim = 64;
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31 - 0.5;
      };
      const many = Array.from({ length: 600 }, (_, i) => ({
        id: `v${i}`,
        vector: Array.from({ length: dim }, random),
        attributes: { even: i % 2 === 0 },
      }));
      await idx().upsert('many', many, { ttlMs: 20 * u });
      const sparse = Array.from({ length: dim }, (_, j) => (j % 16 === 3 ? random() : 0));
      for (const query of [Array.from({ length: dim }, random), sparse]) {
        const cosine = (v: number[]) => {
          let dot = 0;
          for (let j = 0; j < dim; j++) dot += v[j]! * query[j]!;
          return dot / (Math.hypot(...v) * Math.hypot(...query));
        };
        const expected = many
          .filter((m) => m.attributes.even)
          .map((m) => ({ id: m.id, score: cosine(m.vector) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, 5);
        const hits = await idx().search('many', query, { k: 5, where: { even: true } });
        expect(hits.map((m) => m.id)).toEqual(expected.map((e) => e.id));
        hits.forEach((m, i) => {
          expect(m.score).toBeCloseTo(expected[i]!.score, 4);
        });
      }
    });

    it('refuses bad input on every method and changes nothing', async () => {
      const r = idx();
      await r.upsert('keep', [{ id: 'k1', vector: [1, 0] }], { ttlMs });
      const good = { id: 'k2', vector: [1, 0] };
      const badVectors: unknown[] = [
        [],
        [1, Number.NaN],
        [Number.POSITIVE_INFINITY, 0],
        ['1', 0],
        'vector',
        null,
        new Float64Array([1, 0]),
        new Array(9000).fill(1),
      ];
      const badItems: unknown[] = [
        null,
        {},
        { id: 'k2' },
        { ...good, extra: 1 },
        { ...good, attributes: { tags: [1] } },
        { ...good, attributes: { nested: { a: 1 } } },
        { ...good, attributes: { n: Number.NaN } },
        { ...good, attributes: { '': 'x' } },
      ];
      const badSearch: unknown[] = [
        { k: 0 },
        { k: 1.5 },
        { k: 5000 },
        { k: '3' },
        { minScore: 2 },
        { where: { a: { gte: 'x' } } },
        { where: { a: {} } },
        { where: { a: { anyOf: [] } } },
        { where: { a: null } },
        { other: true },
      ];
      const calls: BadCall[] = [
        ...badIdCalls('upsert(collection)', (c) => r.upsert(c, [good], { ttlMs })),
        ...badIdCalls('upsert(item id)', (id) => r.upsert('keep', [{ ...good, id }], { ttlMs })),
        ...badVectors.map((v) => ({
          label: `upsert(vector ${show(v)})`,
          call: () => r.upsert('keep', [{ id: 'k2', vector: v as never }], { ttlMs }),
        })),
        ...badItems.map((item) => ({
          label: `upsert(item ${show(item)})`,
          call: () => r.upsert('keep', [item as never], { ttlMs }),
        })),
        { label: 'upsert(items not an array)', call: () => r.upsert('keep', good as never, { ttlMs }) },
        ...[undefined, {}, { ttlMs: 0 }, { ttlMs: 1.5 }, { ttlMs, extra: 1 }].map((o) => ({
          label: `upsert(options ${show(o)})`,
          call: () => r.upsert('keep', [good], o as never),
        })),
        {
          label: 'upsert(oversize attributes)',
          call: () =>
            r.upsert(
              'keep',
              [{ ...good, attributes: { tags: Array.from({ length: 200 }, () => 'x'.repeat(1000)) } }],
              { ttlMs },
            ),
          codes: 'TOO_LARGE',
        },
        ...badIdCalls('get(collection)', (c) => r.get(c, 'k1')),
        ...badIdCalls('get(id)', (id) => r.get('keep', id)),
        ...badIdCalls('list', (c) => r.list(c)),
        ...badIdCalls('count', (c) => r.count(c)),
        ...badIdCalls('drop', (c) => r.drop(c)),
        ...badIdCalls('remove(collection)', (c) => r.remove(c, ['k1'])),
        ...badIdCalls('remove(id)', (id) => r.remove('keep', [id])),
        ...badIdCalls('search(collection)', (c) => r.search(c, [1, 0])),
        ...badVectors.map((v) => ({ label: `search(${show(v)})`, call: () => r.search('keep', v as never) })),
        { label: 'search(zero vector)', call: () => r.search('keep', [0, 0]) },
        ...badSearch.map((o) => ({
          label: `search(options ${show(o)})`,
          call: () => r.search('keep', [1, 0], o as never),
        })),
      ];
      await expectAllRejected(calls);
      expect((await r.list('keep')).map((e) => e.id)).toEqual(['k1']);
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        const connect = requireConnect(h().connect);
        const same = await connect(config);
        const other = await connect({ ...config, namespace: `${config.namespace}-other` });
        peers.push(same, other);
        await idx().upsert('c', items, { ttlMs });
        // the peer searches first, then sees later writes and removals of the first adapter
        expect((await same.index.search('c', [1, 0, 0], { k: 1 }))[0]?.id).toBe('east');
        await idx().upsert('c', [{ id: 'west', vector: [-1, 0, 0], attributes: { kind: 'new' } }], { ttlMs });
        await idx().upsert('c', [{ id: 'east', vector: [0, 0, -1] }], { ttlMs });
        await idx().remove('c', ['north']);
        expect((await same.index.search('c', [-1, 0, 0], { k: 1 }))[0]?.id).toBe('west');
        expect((await same.index.search('c', [0, 0, -1], { k: 1 }))[0]?.id).toBe('east');
        expect((await same.index.list('c')).map((e) => e.id)).toEqual(['east', 'northeast', 'up', 'west']);
        expect((await same.index.search('c', [0, 1, 0])).map((m) => m.id)).not.toContain('north');
        expect(await other.index.count('c')).toBe(0);
        expect(await other.index.search('c', [1, 0, 0])).toEqual([]);
        await same.index.drop('c');
        expect(await idx().search('c', [1, 0, 0])).toEqual([]);
      },
    );

    it('fails with CLOSED once its adapter is closed', async () => {
      await h().close();
      const r = idx();
      await expectAllRejected(
        [
          () => r.upsert('c', [{ id: 'a', vector: [1] }], { ttlMs }),
          () => r.get('c', 'a'),
          () => r.list('c'),
          () => r.search('c', [1]),
          () => r.remove('c', ['a']),
          () => r.count('c'),
          () => r.drop('c'),
        ].map((call, i) => ({ label: `call ${i} after close`, call, codes: 'CLOSED' as const })),
      );
    });
  });
}
