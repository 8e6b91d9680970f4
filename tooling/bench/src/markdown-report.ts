import {
  BACKENDS_ALIGN,
  BACKENDS_HEADER,
  backendRows,
  SQLITE_ALIGN,
  SQLITE_HEADER,
  sqliteRows,
} from './backend-rows.js';
import type { ChartFile } from './charts.js';
import { markdownTable } from './markdown-table.js';
import type { BenchReport, CurveSeries } from './report-model.js';
import {
  CONTENDER_ALIGN,
  CONTENDER_HEADER,
  contenderRows,
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
import { ms, perSec } from './units.js';

export function renderMarkdown(report: BenchReport, charts: ChartFile[]): string {
  const m = report.machine;
  const out: string[] = [];
  const chart = (file: string) => {
    const found = charts.find((c) => c.file === file);
    if (found) out.push(`![${found.title}](${found.file})`, '');
  };

  out.push(
    '# agent-memory benchmark',
    '',
    `Generated ${report.generatedAt} by \`pnpm bench${report.mode === 'quick' ? ' --quick' : ''}\` ` +
      `(${report.mode} mode, ${report.durationSec.toFixed(0)} s). Machine: ${m.cpuModel}, ${m.cores} cores, ` +
      `${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; Redis ${m.redisVersion} ` +
      `(${report.redis === 'private' ? 'a private redis-server started for this run, on loopback' : 'an existing server given with --redis'}). ` +
      `1-minute load average ${m.loadAverageStart.toFixed(2)} at the start, ${m.loadAverageEnd.toFixed(2)} at the end.`,
    '',
  );
  if (report.notes.length > 0) {
    out.push(report.notes.map((n) => `> ${n}`).join('\n>\n'), '');
  }
  const verdicts = verdictSummary(report);
  if (verdicts.length > 0) out.push('**Summary.** ' + verdicts.join(' '), '');

  if (report.operations.length > 0) {
    out.push(
      '## The four operations',
      '',
      'p50/p99: one caller awaiting each operation. ops/s: ' +
        `${report.profile.concurrency} concurrent callers in one process on one connection (auto-pipelining), ` +
        `median of ${report.profile.rounds} round(s); "tput ours/raw" is the median of the per-round ratios, ` +
        'with the lowest and highest round in brackets. Targets: p50 within 1.2× of raw ioredis, throughput at least 0.8×. ' +
        '"design notes" is the original design\'s published figure, for reference only (other hardware).',
      '',
      markdownTable(HEADLINE_HEADER, headlineRows(report), HEADLINE_ALIGN),
      '',
      '## Every contender',
      '',
      'Serial samples (p50/p95/p99) are taken in slices of 200 operations alternating between the contenders; ' +
        'throughput rounds run every contender once, each going first in turn. ' +
        '"client CPU/op" is the CPU time (user + system) of the benchmark process per operation under load: ' +
        "what the library itself costs, which the machine's other work disturbs far less than wall time. " +
        'cmds/op counts the commands Redis executed per operation (`INFO commandstats`; Lua counts the script ' +
        'and each command it runs), so it shows how much more work a contender does, not just how long.',
      '',
    );
    for (const op of report.operations) {
      out.push(
        `### ${op.title}`,
        '',
        op.what,
        '',
        markdownTable(CONTENDER_HEADER, contenderRows(op), CONTENDER_ALIGN),
        '',
      );
    }
  }

  if (report.local.length > 0) {
    out.push(
      '## Local adapter (in-process)',
      '',
      `Each sample is a batch of ${report.profile.localBatchSize} awaited operations timed with ` +
        '`process.hrtime.bigint()` and divided by the batch size, so percentiles are of batch means. ' +
        'Claims cycle through 10,000 live tasks: the tasks a batch is about to claim again are released before it, ' +
        'untimed, so the store stays the size of a busy team instead of growing with the length of the run. ' +
        'Target: p50 at most 5 µs.',
      '',
      markdownTable(LOCAL_HEADER, localRows(report), LOCAL_ALIGN),
      '',
    );
  }

  if (report.sqlite.length > 0) {
    out.push(
      '## SQLite adapter beside Redis and the in-memory adapter',
      '',
      'The embedded default when no Redis answers: one SQLite file (WAL, `synchronous=NORMAL`) shared by ' +
        'every process on the machine. The same batches as the local adapter, on a fresh temporary file; ' +
        'a claim and a share are one write transaction each. "another process" publishes one message at a ' +
        'time to a subscriber in a child process and times publish → handler on the monotonic clock both ' +
        'share (other processes learn of a message by polling `PRAGMA data_version` every 2 ms). ' +
        'Targets (issue 15): session and window reads ≤ 20 µs, claim + share ≤ 60 µs, publish → receive ≤ 100 µs ' +
        'in-process and ≤ 10 ms across processes.',
      '',
      markdownTable(SQLITE_HEADER, sqliteRows(report), SQLITE_ALIGN),
      '',
      'Side by side, one caller awaiting each operation (ops/s = 1e6 / mean latency; Redis from the ' +
        'serial samples above, pub/sub through the server either way; the in-memory adapter shares ' +
        'nothing between processes).',
      '',
      markdownTable(BACKENDS_HEADER, backendRows(report), BACKENDS_ALIGN),
      '',
    );
  }

  const { concurrency, window } = report.scale;
  if (concurrency.length > 0) {
    out.push(
      '## Scale: concurrent agents',
      '',
      'Each agent is an async caller in this process awaiting its own operations; all share one connection, ' +
        'as agents in one service would. Latency includes the time spent queued behind the other agents. ' +
        `At each point ours and raw alternate over ${report.profile.rounds} round(s); the median round is plotted.`,
      '',
    );
    chart('concurrency-latency.svg');
    chart('concurrency-throughput.svg');
    out.push(curveTable(concurrency, 'agents'), '');
  }
  if (window.length > 0) {
    out.push(
      '## Scale: conversation window length',
      '',
      'A window holding L messages, read whole (`recent(L)` / `LRANGE 0 L-1`) and newest 10 only. ' +
        'p50 is serial; throughput uses the concurrent callers above.',
      '',
    );
    chart('window-latency.svg');
    chart('window-throughput.svg');
    out.push(curveTable(window, 'L'), '');
  }

  if (report.patterns.length > 0) {
    out.push(
      '## Long-term layer (git-patterns)',
      '',
      'A temporary git repository; the synthetic corpus (~120 words per pattern) grows with `saveMany` in ' +
        'chunks of 1,000. Search: one to three vocabulary words, prefix and fuzzy matching, top 10. ' +
        'reindex: every pattern file read and parsed again. Cold open: a new store with no index snapshot, ' +
        'through its first search; warm open: a new store starting from the snapshot the previous one left. ' +
        'Saves are commits (one per save, one per `saveMany`). bulk build: patterns/s while growing the corpus.',
      '',
      markdownTable(PATTERN_HEADER, patternRows(report), PATTERN_ALIGN),
      '',
    );
    chart('pattern-search.svg');
    chart('pattern-index.svg');
  }

  if (report.startup.length > 0) {
    out.push(
      '## Start-up of the command line',
      '',
      'The built `agent-memory` binary as whole processes, the way agents and scripts call it once per ' +
        `step: ${report.startup[0]?.runs ?? 0} runs of each command after one warm-up, each run paired with ` +
        'a bare `node -e 0` spawned just before it (the ratio is taken pair by pair). Wall: spawn to exit; ' +
        'for `mcp`, spawn to the answer to `initialize` over stdio. CPU and peak RSS are the process’s own ' +
        '(getrusage at exit). store: Redis, or the store the CLI uses without Redis.',
      '',
      markdownTable(STARTUP_HEADER, startupRows(report), STARTUP_ALIGN),
      '',
    );
  }

  out.push(
    '## How to read this',
    '',
    '- Warm-up operations run before every measurement; contenders alternate (slices of serial samples, ' +
      'throughput rounds) so background load falls on all of them alike.',
    '- Raw ioredis is the floor: the same commands with no validation, no id checks, no timeouts and no ' +
      "error mapping, decoding JSON only where the design notes' code does (session context, messages, " +
      'pub/sub payloads). Ratios are ours ÷ raw.',
    '- The machine is shared; other processes (see load average) add noise to every number. Compare ' +
      'contenders within one run rather than across runs.',
    '',
  );
  return `${out.join('\n')}\n`;
}

function curveTable(curves: CurveSeries[], xName: string): string {
  const xs = [...new Set(curves.flatMap((c) => c.points.map((p) => p.x)))].sort((a, b) => a - b);
  const header = ['series', ...xs.flatMap((x) => [`${xName}=${x} p50`, `${xName}=${x} ops/s`])];
  const rows = curves.map((c) => [
    c.label,
    ...xs.flatMap((x) => {
      const p = c.points.find((q) => q.x === x);
      return p ? [ms(p.p50Us), perSec(p.opsPerSec)] : ['–', '–'];
    }),
  ]);
  return markdownTable(header, rows, ['l', ...xs.flatMap(() => ['r', 'r'] as const)]);
}
