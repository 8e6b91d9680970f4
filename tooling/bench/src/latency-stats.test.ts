import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './latency-stats.js';

describe('latency stats', () => {
  it('uses nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples', () => {
    const stats = summarize([5, 1, 4, 2, 3]);
    expect(stats).toEqual({ samples: 5, p50: 3, p95: 5, p99: 5, mean: 3, min: 1, max: 5 });
  });

  it('takes the median of rounds', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
