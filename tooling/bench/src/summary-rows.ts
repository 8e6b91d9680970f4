import { TARGETS } from './operation-spec.js';
import type { BenchReport, ContenderResult, OperationResult, Spread, StartupResult } from './report-model.js';
import { micros, millis, ms, perSec, ratio, verdict } from './units.js';

/** Rows shared by the terminal and the Markdown report, so both always say the same thing. */

const HEADLINE_OPS = ['session-read', 'coordination-write', 'pubsub', 'context-retrieval'];

export const HEADLINE_HEADER = [
  'operation',
  'ours p50',
  'ours p99',
  'ours ops/s',
  'raw p50',
  'raw ops/s',
  'p50 ours/raw',
  'tput ours/raw',
  'p50 ≤1.2×',
  'tput ≥0.8×',
  'design notes',
];
export const HEADLINE_ALIGN: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l', 'r'];

const of = (op: OperationResult, impl: ContenderResult['impl']) => op.contenders.find((c) => c.impl === impl);

export function headlineRows(report: BenchReport): string[][] {
  return report.operations
    .filter((op) => HEADLINE_OPS.includes(op.id))
    .map((op) => {
      const ours = of(op, 'ours');
      const raw = of(op, 'raw');
      return [
        op.title,
        ms(ours?.latency.p50 ?? Number.NaN),
        ms(ours?.latency.p99 ?? Number.NaN),
        perSec(ours?.opsPerSec ?? Number.NaN),
        ms(raw?.latency.p50 ?? Number.NaN),
        perSec(raw?.opsPerSec ?? Number.NaN),
        ratio(op.ratios?.p50, TARGETS.maxP50Ratio),
        throughputRatio(op.ratios),
        verdict(op.targets?.latencyMet),
        verdict(op.targets?.throughputMet),
        op.reference ? `${op.reference.p50Ms} ms, ${op.reference.opsPerSec.toLocaleString('en-US')}/s` : '–',
      ];
    });
}

/** The median per-round ratio, and the lowest–highest round when there were several. */
function throughputRatio(ratios: OperationResult['ratios']): string {
  if (ratios === null) return '–';
  const { throughput, throughputMin, throughputMax } = ratios;
  return throughputMin === throughputMax
    ? ratio(throughput, TARGETS.minThroughputRatio)
    : `${ratio(throughput, TARGETS.minThroughputRatio)} (${throughputMin.toFixed(2)}–${throughputMax.toFixed(2)})`;
}

export const CONTENDER_HEADER = [
  'who',
  'p50',
  'p95',
  'p99',
  'ops/s',
  'p50 under load',
  'p99 under load',
  'client CPU/op',
  'cmds/op',
];
export const CONTENDER_ALIGN: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];

export function contenderRows(op: OperationResult): string[][] {
  return op.contenders.map((c) => [
    c.label,
    ms(c.latency.p50),
    ms(c.latency.p95),
    ms(c.latency.p99),
    perSec(c.opsPerSec),
    ms(c.loadLatency.p50),
    ms(c.loadLatency.p99),
    micros(c.cpuUsPerOp),
    c.commandsPerOp === null ? '–' : c.commandsPerOp.toFixed(1),
  ]);
}

export const LOCAL_HEADER = ['operation', 'p50', 'p95', 'p99', 'ops/s', 'p50 ≤ 5 µs'];
export const LOCAL_ALIGN: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'l'];

export function localRows(report: BenchReport): string[][] {
  return report.local.map((r) => [
    r.title,
    micros(r.latency.p50),
    micros(r.latency.p95),
    micros(r.latency.p99),
    perSec(r.opsPerSec),
    verdict(r.targetMet ?? undefined),
  ]);
}

export const PATTERN_HEADER = [
  'patterns',
  'search p50',
  'search p95',
  'save p50',
  'saveMany(100) p50',
  'reindex',
  'cold open',
  'warm open',
  'history p50',
  'bulk build',
];
export const PATTERN_ALIGN: ('l' | 'r')[] = ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];

export function patternRows(report: BenchReport): string[][] {
  return report.patterns.map((r) => [
    r.corpus.toLocaleString('en-US'),
    ms(r.search.p50, 2),
    ms(r.search.p95, 2),
    ms(r.saveSingle.p50, 1),
    ms(r.saveBatch100.p50, 0),
    millis(r.reindexMs),
    millis(r.coldOpenMs),
    millis(r.warmOpenMs),
    ms(r.history.p50, 1),
    r.buildPatternsPerSec > 0 ? `${Math.round(r.buildPatternsPerSec)} patterns/s` : '–',
  ]);
}

export const STARTUP_HEADER = [
  'command',
  'store',
  'wall (min–max)',
  '× node -e 0 (min–max)',
  'CPU',
  'peak RSS',
  'target',
  'met',
];
export const STARTUP_ALIGN: ('l' | 'r')[] = ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'l'];

export function startupRows(report: BenchReport): string[][] {
  return report.startup.map((r) => [
    r.title,
    r.backend === 'none' ? '–' : r.backend,
    `${millis(r.wallMs.median)} (${range(r.wallMs, 0)})`,
    `${r.ratio.median.toFixed(2)}× (${range(r.ratio, 2)})`,
    millis(r.cpuMs.median),
    `${r.peakRssMiB.median.toFixed(0)} MiB`,
    startupTarget(r.target),
    verdict(r.targetMet),
  ]);
}

const range = (s: Spread, digits: number) => `${s.min.toFixed(digits)}–${s.max.toFixed(digits)}`;

function startupTarget(target: StartupResult['target']): string {
  return [
    `≤ ${target.maxWallMs} ms`,
    ...(target.maxRatio !== undefined ? [`≤ ${target.maxRatio}× node`] : []),
    ...(target.maxPeakRssMiB !== undefined ? [`≤ ${target.maxPeakRssMiB} MiB`] : []),
  ].join(', ');
}

/** One paragraph of verdicts: how many targets hold, and how we compare with the design's figures. */
export function verdictSummary(report: BenchReport): string[] {
  const lines: string[] = [];
  const headline = report.operations.filter((op) => HEADLINE_OPS.includes(op.id));
  if (headline.length > 0) {
    const count = (pick: (op: OperationResult) => boolean | undefined) => headline.filter(pick).length;
    const ours = (op: OperationResult) => of(op, 'ours');
    lines.push(
      `Targets vs raw ioredis: p50 within 1.2× on ${count((op) => op.targets?.latencyMet)} of ${headline.length} ` +
        `operations, throughput at least 0.8× on ${count((op) => op.targets?.throughputMet)} of ${headline.length}.`,
      `Against the design notes' published figures: p50 lower on ${count(
        (op) =>
          op.reference !== null &&
          (ours(op)?.latency.p50 ?? Number.POSITIVE_INFINITY) / 1000 < op.reference.p50Ms,
      )} of ${headline.length}, throughput higher on ${count(
        (op) => op.reference !== null && (ours(op)?.opsPerSec ?? 0) > op.reference.opsPerSec,
      )} of ${headline.length}.`,
    );
  }
  if (report.startup.length > 0) {
    const met = report.startup.filter((r) => r.targetMet).length;
    lines.push(`Start-up: targets met by ${met} of ${report.startup.length} commands.`);
  }
  if (report.local.length > 0) {
    const met = report.local.filter((r) => r.targetMet).length;
    lines.push(`Local adapter: p50 at most 5 µs on ${met} of ${report.local.length} operations.`);
  }
  const targeted = report.sqlite.filter((r) => r.targetMet !== null);
  if (targeted.length > 0) {
    const met = targeted.filter((r) => r.targetMet).length;
    lines.push(`SQLite adapter: p50 target met on ${met} of ${targeted.length} operations that have one.`);
  }
  return lines;
}
