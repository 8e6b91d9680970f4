import type { Pattern } from '@agent-memory/core';
import { describe, expect, it } from 'vitest';
import { documentBoost, MAX_DOCUMENT_BOOST, type TextMatch, topBoosted } from './search-ranking.js';

const NOW = Date.parse('2025-12-01T00:00:00.000Z');

const pattern = (confidence: number, updated: string) => ({ confidence, updated }) as Pattern;

describe('documentBoost', () => {
  it('never exceeds MAX_DOCUMENT_BOOST, which topBoosted relies on to stop early', () => {
    expect(documentBoost(pattern(1, new Date(NOW).toISOString()), NOW)).toBeCloseTo(MAX_DOCUMENT_BOOST, 12);
    for (const updated of [
      '2030-01-01T00:00:00.000Z',
      '2025-11-30T00:00:00.000Z',
      '2000-01-01T00:00:00.000Z',
    ]) {
      for (const confidence of [0, 0.5, 1]) {
        expect(documentBoost(pattern(confidence, updated), NOW)).toBeLessThanOrEqual(MAX_DOCUMENT_BOOST);
      }
    }
  });
});

describe('topBoosted', () => {
  // Deterministic pseudo-random matches: many near-equal text scores whose boosts reorder them.
  function matches(n: number, seed: number): { list: TextMatch[]; boost: Map<string, number> } {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const list = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, score: 1 + next() * 3 }));
    list.sort((a, b) => b.score - a.score);
    const boost = new Map(list.map((m) => [m.id, 0.75 + next() * (MAX_DOCUMENT_BOOST - 0.75)]));
    return { list, boost };
  }

  it('returns what sorting every boosted match would, best first', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { list, boost } = matches(500, seed);
      const rejected = (id: string) => Number(id.slice(1)) % 7 === 0;
      const expected = list
        .filter((m) => !rejected(m.id))
        .map((m) => ({ item: m.id, score: m.score * boost.get(m.id)! }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const actual = topBoosted(
        list,
        10,
        (id) => (rejected(id) ? undefined : id),
        (id) => boost.get(id)!,
      );
      expect(actual).toEqual(expected);
    }
  });

  it('keeps the earlier match on equal scores, and handles fewer matches than the limit', () => {
    const list = [
      { id: 'a', score: 2 },
      { id: 'b', score: 2 },
      { id: 'c', score: 1 },
    ];
    const order = (limit: number, boost: (id: string) => number) =>
      topBoosted(list, limit, (id) => id, boost).map((hit) => hit.item);
    expect(order(2, () => 1)).toEqual(['a', 'b']);
    expect(order(5, (id) => (id === 'c' ? 3 : 1))).toEqual(['c', 'a', 'b']);
  });
});
