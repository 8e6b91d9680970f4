import type { Profile } from '../bench-options.js';
import { loadInAlternation, serialInAlternation } from '../interleaved.js';
import { median, summarize } from '../latency-stats.js';
import type { Operation } from '../measure.js';
import { type OperationSpec, TARGETS } from '../operation-spec.js';
import type { RedisTarget } from '../redis-target.js';
import type { ContenderResult, OperationResult } from '../report-model.js';

/** Serial samples are taken in slices this long, alternating between the contenders. */
const SERIAL_SLICE = 200;
/** Operations per contender whose Redis commands are counted (private server only). */
const COUNTED_OPS = 200;

/**
 * Measures every contender of each operation: serial latency in short alternating slices, then
 * throughput in rounds that run every contender once. Ratios to raw ioredis are taken within each
 * round and the median round is reported, with the spread over rounds.
 */
export async function runOperations(
  specs: OperationSpec[],
  target: RedisTarget,
  profile: Profile,
  log: (line: string) => void,
): Promise<OperationResult[]> {
  const results: OperationResult[] = [];
  for (const spec of specs) {
    log(`  ${spec.title}`);
    const ops = spec.contenders.map((c) => c.op);
    const commands = target.private ? await countCommands(ops, target) : ops.map(() => null);
    const serial = await serialInAlternation(ops, {
      warmup: profile.warmup,
      iterations: profile.latencyIterations,
      slice: SERIAL_SLICE,
    });
    const load = await loadInAlternation(ops, {
      rounds: profile.rounds,
      durationMs: profile.throughputMs,
      concurrency: profile.concurrency,
      warmup: profile.warmup,
    });
    const contenders: ContenderResult[] = spec.contenders.map((contender, k) => {
      const rounds = load[k]!;
      return {
        impl: contender.impl,
        label: contender.label,
        latency: summarize(serial[k]!),
        opsPerSec: median(rounds.map((r) => r.opsPerSec)),
        opsPerSecRounds: rounds.map((r) => r.opsPerSec),
        cpuUsPerOp: median(rounds.map((r) => r.cpuUsPerOp)),
        loadLatency: middleRound(rounds.map((r) => r.latency)),
        commandsPerOp: commands[k]!,
      };
    });
    results.push({
      id: spec.id,
      title: spec.title,
      what: spec.what,
      reference: spec.reference,
      contenders,
      ...compare(contenders),
    });
    for (const c of contenders) {
      log(
        `    ${c.label.padEnd(28)} p50 ${(c.latency.p50 / 1000).toFixed(3)} ms  ${Math.round(c.opsPerSec)} ops/s  ` +
          `${c.cpuUsPerOp.toFixed(1)} µs CPU/op`,
      );
    }
  }
  return results;
}

/** Commands Redis executed per operation of each contender (INFO commandstats before and after). */
async function countCommands(ops: Operation[], target: RedisTarget): Promise<number[]> {
  const counts: number[] = [];
  for (const op of ops) {
    const before = await target.commandCount();
    for (let i = 0; i < COUNTED_OPS; i++) await op(i);
    // The INFO call itself is counted by the next INFO.
    counts.push(((await target.commandCount()) - before - 1) / COUNTED_OPS);
  }
  return counts;
}

function middleRound(stats: ContenderResult['loadLatency'][]): ContenderResult['loadLatency'] {
  const sorted = [...stats].sort((a, b) => a.p50 - b.p50);
  return sorted[sorted.length >> 1]!;
}

function compare(contenders: ContenderResult[]): Pick<OperationResult, 'ratios' | 'targets'> {
  const ours = contenders.find((c) => c.impl === 'ours');
  const raw = contenders.find((c) => c.impl === 'raw');
  if (!ours || !raw) return { ratios: null, targets: null };
  // Rounds are paired: both ran back to back under the same conditions.
  const perRound = ours.opsPerSecRounds.map((v, r) => v / raw.opsPerSecRounds[r]!);
  const ratios = {
    p50: ours.latency.p50 / raw.latency.p50,
    throughput: median(perRound),
    throughputMin: Math.min(...perRound),
    throughputMax: Math.max(...perRound),
    cpu: ours.cpuUsPerOp / raw.cpuUsPerOp,
  };
  return {
    ratios,
    targets: {
      latencyMet: ratios.p50 <= TARGETS.maxP50Ratio,
      throughputMet: ratios.throughput >= TARGETS.minThroughputRatio,
    },
  };
}
