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
  /** CPU time this process spent per operation (user + system, µs): the client's own cost. */
  cpuUsPerOp: number;
  /** Latency each caller saw (queueing included), in microseconds. */
  latency: LatencyStats;
}

/**
 * Concurrent callers in this process, each awaiting its own operation, for `durationMs` (and at
 * least two operations per caller): what many agents on one connection see (ioredis
 * auto-pipelines their commands). Measured by time, not by count, so that every measurement spans
 * the same stretch of wall time however fast the contender is: a short one is mostly noise.
 */
export async function measureLoad(
  op: Operation,
  options: { durationMs: number; concurrency: number; warmup: number },
): Promise<LoadResult> {
  const { durationMs, concurrency, warmup } = options;
  await runConcurrent(op, 0, concurrency, { minOps: warmup, untilNs: 0n }, undefined);
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const ops = await runConcurrent(
    op,
    warmup,
    concurrency,
    { minOps: concurrency * 2, untilNs: start + BigInt(Math.round(durationMs * 1e6)) },
    samples,
  );
  const seconds = elapsedUs(start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return {
    opsPerSec: ops / seconds,
    cpuUsPerOp: (cpu.user + cpu.system) / ops,
    latency: summarize(samples),
  };
}

/** Runs `op` on `concurrency` callers until both limits are reached; returns how many ran. */
async function runConcurrent(
  op: Operation,
  offset: number,
  concurrency: number,
  limits: { minOps: number; untilNs: bigint },
  samples: number[] | undefined,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = process.hrtime.bigint();
      if (next >= limits.minOps && start >= limits.untilNs) return;
      const i = next++;
      await op(offset + i);
      samples?.push(elapsedUs(start));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return next;
}

/**
 * For operations faster than a timer read is worth: each sample is one batch of `batchSize`
 * awaited operations divided by `batchSize`, so percentiles are of batch means. `beforeBatch`
 * runs untimed before each batch with the index of its first operation (housekeeping such as
 * freeing the tasks the batch is about to claim again).
 */
export async function measureBatched(
  op: Operation,
  options: {
    batchSize: number;
    batches: number;
    warmupBatches: number;
    beforeBatch?: (first: number, size: number) => Promise<void>;
  },
): Promise<number[]> {
  const { batchSize, batches, warmupBatches, beforeBatch } = options;
  let i = 0;
  for (let b = 0; b < warmupBatches; b++) {
    await beforeBatch?.(i, batchSize);
    for (let k = 0; k < batchSize; k++) await op(i++);
  }
  const samples = new Array<number>(batches);
  for (let b = 0; b < batches; b++) {
    await beforeBatch?.(i, batchSize);
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
