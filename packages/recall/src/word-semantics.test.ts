import { loadWordVectors } from '@agent-memory/word-vectors';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index.js';
import { expandQuery } from './query-expansion.js';
import { fuseRankings } from './rank-fusion.js';
import { sifVector, sifWeight } from './sif-vectors.js';

const vectors = loadWordVectors();
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('SIF sentence vectors', () => {
  it('weighs frequent words little and rare words much', () => {
    expect(sifWeight(0)).toBeLessThan(0.01);
    expect(sifWeight(vectors.rank('exhausted'))).toBeGreaterThan(sifWeight(vectors.rank('new')));
    expect(sifWeight(60_000)).toBeGreaterThan(0.95);
  });

  it('is a unit vector close for texts of related words, zero for unknown words', () => {
    const [pool, related, other] = [
      'the connection pool ran dry',
      'database connections exhausted',
      'the font of the invoice',
    ].map((t) => sifVector(t, vectors));
    expect(Math.hypot(...pool!)).toBeCloseTo(1, 5);
    expect(cosine(pool!, related!)).toBeGreaterThan(cosine(pool!, other!) + 0.1);
    expect(sifVector('zzqx qqvx', vectors).every((v) => v === 0)).toBe(true);
  });
});

describe('query expansion', () => {
  it("adds each word's nearest neighbours above the threshold, never the query's own words", () => {
    const terms = expandQuery('sluggish outage', vectors, { perWord: 3, minSimilarity: 0.5 });
    const words = terms.map((t) => t.word);
    expect(words).toContain('outages');
    expect(words).not.toContain('outage');
    expect(terms.every((t) => t.weight >= 0.5 && t.weight <= 1)).toBe(true);
    expect(terms.length).toBeLessThanOrEqual(6);
    expect(expandQuery('sluggish outage', vectors, { perWord: 3, minSimilarity: 0.99 })).toEqual([]);
    expect(expandQuery('zzqx', vectors)).toEqual([]);
  });

  it('lets BM25 find a document through an expansion word, ranked below a direct match', () => {
    const index = new Bm25Index();
    index.add('direct', 'the outage lasted an hour');
    index.add('related', 'blackout in the data centre');
    index.add('other', 'rename the variable');
    expect(index.search('outage', 10).map((m) => m.id)).toEqual(['direct']);
    const expanded = index.search('outage', 10, undefined, [{ word: 'blackout', weight: 0.7 }]);
    expect(expanded.map((m) => m.id)).toEqual(['direct', 'related']);
    expect(expanded[1]!.score).toBeLessThan(expanded[0]!.score);
  });
});

describe('weighted rank fusion', () => {
  it('counts each list by its weight', () => {
    const lists = [
      { kind: 'text' as const, keys: ['a', 'b'] },
      { kind: 'vector' as const, keys: ['b', 'a'] },
    ];
    expect(fuseRankings(lists).map((e) => e.key)).toEqual(['a', 'b']);
    expect(fuseRankings([{ ...lists[0]!, weight: 0.5 }, lists[1]!]).map((e) => e.key)).toEqual(['b', 'a']);
  });
});
