import type { Profile } from '../bench-options.js';
import { median, summarize } from '../latency-stats.js';
import { measureLoad, measureSerial } from '../measure.js';
import { type OperationSpec, TARGETS } from '../operation-spec.js';
import type { RedisTarget } from '../redis-target.js';
import type { ContenderResult, OperationResult } from '../report-model.js';

/**
 * Measures every contender of each operation. Rounds interleave the contenders (ours, raw, peer,
 * ours, raw, peer, …) so that load from elsewhere on the machine falls on all of them alike.
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
    const serial = spec.contenders.map(() => [] as number[]);
    const rates = spec.contenders.map(() => [] as number[]);
    const loadSamples = spec.contenders.map(() => [] as ContenderResult['loadLatency'][]);
    const commands = spec.contenders.map(() => 0);
    for (let round = 0; round < profile.rounds; round++) {
      for (const [k, contender] of spec.contenders.entries()) {
        const before = await target.commandCount();
        serial[k]!.push(...(await measureSerial(contender.op, profile.warmup, profile.latencyIterations)));
        // The INFO call itself is counted by the next INFO.
        commands[k]! += (await target.commandCount()) - before - 1;
      }
      for (const [k, contender] of spec.contenders.entries()) {
        const load = await measureLoad(contender.op, {
          ops: profile.throughputOps,
          concurrency: profile.concurrency,
          warmup: profile.warmup,
        });
        rates[k]!.push(load.opsPerSec);
        loadSamples[k]!.push(load.latency);
      }
    }
    const opsPerRound = profile.warmup + profile.latencyIterations;
    const contenders: ContenderResult[] = spec.contenders.map((contender, k) => ({
      impl: contender.impl,
      label: contender.label,
      latency: summarize(serial[k]!),
      opsPerSec: median(rates[k]!),
      loadLatency: middleRound(loadSamples[k]!),
      commandsPerOp: target.private ? commands[k]! / (opsPerRound * profile.rounds) : null,
    }));
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
        `    ${c.label.padEnd(28)} p50 ${(c.latency.p50 / 1000).toFixed(3)} ms  ${Math.round(c.opsPerSec)} ops/s`,
      );
    }
  }
  return results;
}

function middleRound(stats: ContenderResult['loadLatency'][]): ContenderResult['loadLatency'] {
  const sorted = [...stats].sort((a, b) => a.p50 - b.p50);
  return sorted[sorted.length >> 1]!;
}

function compare(contenders: ContenderResult[]): Pick<OperationResult, 'ratios' | 'targets'> {
  const ours = contenders.find((c) => c.impl === 'ours');
  const raw = contenders.find((c) => c.impl === 'raw');
  if (!ours || !raw) return { ratios: null, targets: null };
  const ratios = { p50: ours.latency.p50 / raw.latency.p50, throughput: ours.opsPerSec / raw.opsPerSec };
  return {
    ratios,
    targets: {
      latencyMet: ratios.p50 <= TARGETS.maxP50Ratio,
      throughputMet: ratios.throughput >= TARGETS.minThroughputRatio,
    },
  };
}
