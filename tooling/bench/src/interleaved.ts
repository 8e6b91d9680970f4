import { type LoadResult, measureLoad, measureSerial, type Operation } from './measure.js';

/**
 * Contenders measured in alternation, so that whatever else the machine is doing falls on all of
 * them alike. Measuring one contender for ten seconds and then the next lets a burst of load
 * elsewhere decide the ratio between them; short alternating slices do not.
 */

/** The contenders in the order they run in slice or round `n`: each goes first in turn. */
export function rotation<T>(items: readonly T[], n: number): { item: T; index: number }[] {
  return items.map((_, k) => {
    const index = (k + n) % items.length;
    return { item: items[index]!, index };
  });
}

/**
 * Serial latency (one caller awaiting each operation) of every contender, taken in slices of
 * `slice` operations that alternate between them. Returns the samples (µs) of each contender.
 */
export async function serialInAlternation(
  ops: readonly Operation[],
  options: { warmup: number; iterations: number; slice: number },
): Promise<number[][]> {
  const { warmup, iterations, slice } = options;
  for (const op of ops) await measureSerial(op, warmup, 0);
  const samples = ops.map(() => [] as number[]);
  for (let done = 0, n = 0; done < iterations; done += slice, n++) {
    const size = Math.min(slice, iterations - done);
    for (const { item, index } of rotation(ops, n)) {
      samples[index]!.push(...(await measureSerial(item, 0, size)));
    }
  }
  return samples;
}

/**
 * Throughput of every contender over `rounds` rounds, each round running every contender once
 * (first place rotating). Returns each contender's result per round, in round order, so that
 * ratios can be taken between results of the same round.
 */
export async function loadInAlternation(
  ops: readonly Operation[],
  options: { rounds: number; durationMs: number; concurrency: number; warmup: number },
): Promise<LoadResult[][]> {
  const results = ops.map(() => [] as LoadResult[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const { item, index } of rotation(ops, round)) {
      results[index]!.push(
        await measureLoad(item, {
          durationMs: options.durationMs,
          concurrency: options.concurrency,
          // Only the first round needs the full warm-up: later ones start warm.
          warmup: round === 0 ? options.warmup : Math.min(options.warmup, options.concurrency * 4),
        }),
      );
    }
  }
  return results;
}
