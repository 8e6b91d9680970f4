import { type LatencyStats, summarize } from './latency-stats.js';

/** One operation under test; `i` is unique within a measurement (task ids, message numbers…). */
export type Operation = (i: number) => Promise<unknown>;

const elapsedUs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1000;

/** Per-op latency with one caller awaiting each operation before the next. */
export async function measureSerial(op: Operation, warmup: number, iterations: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await op(i);
  const samples = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await op(warmup + i);
    samples[i] = elapsedUs(start);
  }
  return samples;
}

export interface LoadResult {
  opsPerSec: number;
  /** Latency each caller saw (queueing included), in microseconds. */
  latency: LatencyStats;
}

/**
 * `ops` operations shared by `concurrency` callers in this process, each awaiting its own
 * operation: what many agents on one connection see (ioredis auto-pipelines their commands).
 */
export async function measureLoad(
  op: Operation,
  options: { ops: number; concurrency: number; warmup: number },
): Promise<LoadResult> {
  const { ops, concurrency, warmup } = options;
  await runConcurrent(op, 0, warmup, concurrency, undefined);
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  await runConcurrent(op, warmup, ops, concurrency, samples);
  const seconds = elapsedUs(start) / 1e6;
  return { opsPerSec: ops / seconds, latency: summarize(samples) };
}

async function runConcurrent(
  op: Operation,
  offset: number,
  ops: number,
  concurrency: number,
  samples: number[] | undefined,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < ops) {
      const i = next++;
      const start = process.hrtime.bigint();
      await op(offset + i);
      samples?.push(elapsedUs(start));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(ops, 1)) }, worker));
}

/**
 * For operations faster than a timer read is worth: each sample is one batch of `batchSize`
 * awaited operations divided by `batchSize`, so percentiles are of batch means.
 */
export async function measureBatched(
  op: Operation,
  options: { batchSize: number; batches: number; warmupBatches: number },
): Promise<number[]> {
  const { batchSize, batches, warmupBatches } = options;
  let i = 0;
  for (let b = 0; b < warmupBatches; b++) for (let k = 0; k < batchSize; k++) await op(i++);
  const samples = new Array<number>(batches);
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < batchSize; k++) await op(i++);
    samples[b] = elapsedUs(start) / batchSize;
  }
  return samples;
}

/** Wall time of one async call, in milliseconds. */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return elapsedUs(start) / 1000;
}
