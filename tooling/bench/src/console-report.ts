import {
  BACKENDS_ALIGN,
  BACKENDS_HEADER,
  backendRows,
  SQLITE_ALIGN,
  SQLITE_HEADER,
  sqliteRows,
} from './backend-rows.js';
import { textTable } from './markdown-table.js';
import type { BenchReport } from './report-model.js';
import {
  HEADLINE_ALIGN,
  HEADLINE_HEADER,
  headlineRows,
  LOCAL_ALIGN,
  LOCAL_HEADER,
  localRows,
  PATTERN_ALIGN,
  PATTERN_HEADER,
  patternRows,
  STARTUP_ALIGN,
  STARTUP_HEADER,
  startupRows,
  verdictSummary,
} from './summary-rows.js';

/** What `pnpm bench` prints at the end: the headline tables; the rest is in latest.md. */
export function renderConsole(report: BenchReport, files: string[]): string {
  const m = report.machine;
  const out = [
    '',
    `agent-memory bench (${report.mode}) — ${m.cpuModel}, ${m.cores} cores, Node ${m.node}, Redis ${m.redisVersion}, ` +
      `load ${m.loadAverageStart.toFixed(2)}→${m.loadAverageEnd.toFixed(2)}`,
  ];
  if (report.operations.length > 0) {
    out.push('', textTable(HEADLINE_HEADER, headlineRows(report), HEADLINE_ALIGN));
  }
  if (report.local.length > 0)
    out.push('', 'local adapter', textTable(LOCAL_HEADER, localRows(report), LOCAL_ALIGN));
  if (report.sqlite.length > 0) {
    out.push('', 'sqlite adapter', textTable(SQLITE_HEADER, sqliteRows(report), SQLITE_ALIGN));
    out.push('', 'three backends', textTable(BACKENDS_HEADER, backendRows(report), BACKENDS_ALIGN));
  }
  if (report.patterns.length > 0) {
    out.push('', 'git-patterns', textTable(PATTERN_HEADER, patternRows(report), PATTERN_ALIGN));
  }
  if (report.startup.length > 0) {
    out.push(
      '',
      'start-up (whole process, median)',
      textTable(STARTUP_HEADER, startupRows(report), STARTUP_ALIGN),
    );
  }
  out.push('', ...verdictSummary(report), '', ...files.map((f) => `wrote ${f}`), '');
  return out.join('\n');
}
