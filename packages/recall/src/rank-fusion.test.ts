import { describe, expect, it } from 'vitest';
import { fuseRankings, RRF_K } from './rank-fusion.js';

describe('reciprocal rank fusion', () => {
  it('adds 1 / (k + rank) over the lists and reports each kind of rank', () => {
    const fused = fuseRankings([
      { kind: 'text', keys: ['a', 'b', 'c'] },
      { kind: 'vector', keys: ['c', 'a', 'd'] },
    ]);
    expect(fused.map((f) => f.key)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]).toEqual({
      key: 'a',
      score: 1 / (RRF_K + 1) + 1 / (RRF_K + 2),
      ranks: { text: 1, vector: 2 },
    });
    expect(fused[1]!.ranks).toEqual({ text: 3, vector: 1 });
    expect(fused[3]).toEqual({ key: 'd', score: 1 / (RRF_K + 3), ranks: { vector: 3 } });
  });

  it('lifts an item both lists rank well over one only a single list ranks first', () => {
    const fused = fuseRankings([
      { kind: 'text', keys: ['solo', 'both'] },
      { kind: 'vector', keys: ['other', 'both'] },
    ]);
    expect(fused[0]!.key).toBe('both');
  });

  it('breaks ties by best rank, then by key, and keeps the first rank of a kind seen twice', () => {
    const fused = fuseRankings([
      { kind: 'text', keys: ['b', 'a'] },
      { kind: 'text', keys: ['a', 'b'] },
      { kind: 'vector', keys: [] },
    ]);
    expect(fused.map((f) => f.key)).toEqual(['a', 'b']);
    expect(fused[0]!.ranks).toEqual({ text: 2 });
    expect(fuseRankings([])).toEqual([]);
  });
});
