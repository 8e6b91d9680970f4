import { describe, expect, it } from 'vitest';
import { loadInAlternation, rotation, serialInAlternation } from './interleaved.js';

describe('rotation', () => {
  it('lets each contender go first in turn, keeping their indexes', () => {
    const order = (n: number) => rotation(['a', 'b', 'c'], n).map((r) => `${r.item}${r.index}`);
    expect(order(0)).toEqual(['a0', 'b1', 'c2']);
    expect(order(1)).toEqual(['b1', 'c2', 'a0']);
    expect(order(5)).toEqual(['c2', 'a0', 'b1']);
  });
});

/** An operation that records, in one shared log, who ran. */
function recorder(log: string[], name: string) {
  return async () => {
    log.push(name);
  };
}

describe('serialInAlternation', () => {
  it('takes every sample, in slices that alternate between the contenders', async () => {
    const log: string[] = [];
    const samples = await serialInAlternation([recorder(log, 'a'), recorder(log, 'b')], {
      warmup: 2,
      iterations: 5,
      slice: 2,
    });
    expect(samples.map((s) => s.length)).toEqual([5, 5]);
    expect(samples.flat().every((us) => us >= 0)).toBe(true);
    // warm-up, then slices of 2, 2 and the last 1, the first place rotating.
    expect(log.join('')).toBe('aabb' + 'aabb' + 'bbaa' + 'ab');
  });
});

describe('loadInAlternation', () => {
  it('runs every contender once per round, first place rotating, and keeps rounds in order', async () => {
    const log: string[] = [];
    const rounds = await loadInAlternation([recorder(log, 'a'), recorder(log, 'b')], {
      rounds: 3,
      durationMs: 5,
      concurrency: 2,
      warmup: 0,
    });
    expect(rounds.map((r) => r.length)).toEqual([3, 3]);
    // Each measurement is a run of one contender's operations: a…a b…b, then b…b a…a, then
    // a…a b…b; runs of the same letter merge across rounds, so without rotation this would be ababab.
    expect(log.join('').replace(/(.)\1*/g, '$1')).toBe('abab');
    for (const result of rounds.flat()) {
      expect(result.opsPerSec).toBeGreaterThan(0);
      expect(result.cpuUsPerOp).toBeGreaterThanOrEqual(0);
      // At least two operations per caller, however short the measurement.
      expect(result.latency.samples).toBeGreaterThanOrEqual(4);
    }
  });
});
