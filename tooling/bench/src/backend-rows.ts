import type { BenchReport, LocalOpResult } from './report-model.js';
import { perSec, verdict } from './units.js';

/** Rows of the SQLite section and of the side-by-side table of the three backends. */

/** µs below a millisecond, ms above: the table spans in-process calls and messages between processes. */
export function duration(us: number): string {
  if (!Number.isFinite(us)) return '–';
  return us < 1000 ? `${us.toFixed(2)} µs` : `${(us / 1000).toFixed(2)} ms`;
}

export const SQLITE_HEADER = ['operation', 'p50', 'p95', 'p99', 'ops/s', 'p50 target', ''];
export const SQLITE_ALIGN: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r', 'l'];

export function sqliteRows(report: BenchReport): string[][] {
  return report.sqlite.map((r) => [
    r.title,
    duration(r.latency.p50),
    duration(r.latency.p95),
    duration(r.latency.p99),
    perSec(r.opsPerSec),
    r.targetUs === null ? '–' : `≤ ${duration(r.targetUs)}`,
    r.targetMet === null ? '' : verdict(r.targetMet),
  ]);
}

// Which measurement of each section stands for each row; Redis pub/sub always goes through the
// server, so its one figure serves both pub/sub rows.
const ROWS: { title: string; redis: string | null; local: string | null; sqlite: string }[] = [
  { title: 'session read', redis: 'session-read', local: 'session-read', sqlite: 'session-read' },
  {
    title: 'claim + share',
    redis: 'coordination-write',
    local: 'coordination-write',
    sqlite: 'coordination-write',
  },
  {
    title: 'window read (newest 10)',
    redis: 'context-retrieval',
    local: 'context-retrieval',
    sqlite: 'context-retrieval',
  },
  { title: 'publish → receive, same process', redis: 'pubsub', local: 'pubsub', sqlite: 'pubsub' },
  {
    title: 'publish → receive, another process',
    redis: 'pubsub',
    local: null,
    sqlite: 'pubsub-cross-process',
  },
];

export const BACKENDS_HEADER = [
  'operation',
  'Redis p50',
  'Redis ops/s',
  'in-memory p50',
  'in-memory ops/s',
  'SQLite p50',
  'SQLite ops/s',
];
export const BACKENDS_ALIGN: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r', 'r'];

/**
 * One row per operation with the three backends side by side, each as one caller awaiting each
 * operation (ops/s = 1e6 / mean latency; for the message to another process, messages sent one
 * after the other per second). Redis figures are the serial samples of the `short-term` section,
 * when it ran.
 */
export function backendRows(report: BenchReport): string[][] {
  const cells = (r: { latency: { p50: number; mean: number }; opsPerSec?: number } | undefined) =>
    r ? [duration(r.latency.p50), perSec(r.opsPerSec ?? 1e6 / r.latency.mean)] : ['–', '–'];
  const find = (rows: LocalOpResult[], id: string | null) => (id ? rows.find((r) => r.id === id) : undefined);
  return ROWS.map((row) => {
    const ours = report.operations
      .find((op) => op.id === row.redis)
      ?.contenders.find((c) => c.impl === 'ours');
    // its opsPerSec is under concurrent load: here, like the others, one caller at a time
    const redis = ours && { latency: ours.latency };
    const local = row.local === null ? ['not shared', 'not shared'] : cells(find(report.local, row.local));
    return [row.title, ...cells(redis), ...local, ...cells(find(report.sqlite, row.sqlite))];
  });
}
