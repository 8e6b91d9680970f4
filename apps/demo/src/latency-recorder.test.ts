import { describe, expect, it } from 'vitest';
import { LatencyRecorder, percentile } from './latency-recorder.js';

describe('LatencyRecorder', () => {
  it('computes nearest-rank percentiles per operation, merging samples from other processes', () => {
    const recorder = new LatencyRecorder();
    for (let ms = 1; ms <= 100; ms++) recorder.record('task.claim', ms);
    recorder.merge({ 'task.claim': [1000], 'window.append': [2, 4] });

    const [claim, append] = recorder.rows();
    expect(claim).toEqual({ operation: 'task.claim', calls: 101, p50: 51, p95: 96, p99: 100, max: 1000 });
    expect(append).toMatchObject({ operation: 'window.append', calls: 2, p50: 2, max: 4 });
    expect(percentile([], 50)).toBe(0);
  });

  it('records failed calls too, and rethrows their error', async () => {
    const recorder = new LatencyRecorder();
    await expect(recorder.time('session.get', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(recorder.samples()['session.get']).toHaveLength(1);
  });
});
