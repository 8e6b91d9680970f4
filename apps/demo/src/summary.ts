import type { Colors } from './demo-output.js';
import type { LatencyRow } from './latency-recorder.js';
import type { RunReport } from './run-report.js';
import type { StoryCheck } from './story-checks.js';
import { renderTable } from './text-table.js';

// Operations on git (long-term) rather than on the short-term backend.
const LONG_TERM = /^(patterns\.|candidate\.promote)/;

export function runTable(runs: readonly RunReport[]): string[] {
  return renderTable(
    ['run', 'tasks', 'analysed', 'recalled', 'not posted', 'prompt tokens', 'without memory', 'saved'],
    runs.map((r) => [
      String(r.run),
      String(r.tasks.length),
      String(r.analysed),
      String(r.recalled),
      String(r.skipped.length),
      r.promptTokens.toLocaleString('en-US'),
      r.coldTokens.toLocaleString('en-US'),
      r.tokensSaved > 0
        ? `${r.tokensSaved.toLocaleString('en-US')} (${Math.round((100 * r.tokensSaved) / r.coldTokens)}%)`
        : '0',
    ]),
    [1, 2, 3, 4, 5, 6, 7],
  );
}

export function latencyTable(rows: readonly LatencyRow[], backend: string): string[] {
  const ms = (n: number) => n.toFixed(2);
  const sorted = [...rows].sort(
    (a, b) =>
      Number(LONG_TERM.test(a.operation)) - Number(LONG_TERM.test(b.operation)) ||
      a.operation.localeCompare(b.operation),
  );
  return renderTable(
    ['layer', 'operation', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    sorted.map((r) => [
      LONG_TERM.test(r.operation) ? 'git' : backend,
      r.operation,
      String(r.calls),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      ms(r.max),
    ]),
    [2, 3, 4, 5, 6],
  );
}

export function storyLines(checks: readonly StoryCheck[], c: Colors): string[] {
  return checks.map((check) =>
    check.ok
      ? `${c.green('✓')} ${check.name}: ${c.dim(check.detail)}`
      : `${c.red('✗')} ${check.name}: ${check.detail}`,
  );
}
