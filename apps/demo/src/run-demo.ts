import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { toMemoryError } from '@agent-memory/core';
import { redactRedisUrl } from 'agent-memory';
import { type DemoOptions, parseDemoOptions, type RunDemoOptions } from './demo-options.js';
import { type Colors, colorsFor, printer } from './demo-output.js';
import { ensureOwnRepository, gitLogOneline } from './git-repository.js';
import { LatencyRecorder, type LatencyRow } from './latency-recorder.js';
import { openMemory, type RedisTarget, redisTarget } from './memory-connection.js';
import { reviewRun } from './review-run.js';
import { createRuleBasedAnalyzer } from './rule-based-analyzer.js';
import type { RunReport } from './run-report.js';
import { loadCodebase } from './sample-codebase.js';
import { seededRandom } from './seeded-random.js';
import { checkStory, type StoryCheck } from './story-checks.js';
import { latencyTable, runTable, storyLines } from './summary.js';
import { Timeline } from './timeline.js';

/** Everything the demo observed; `ok` is false when part of the story did not happen. */
export interface DemoReport {
  ok: boolean;
  backend: string;
  mode: 'async' | 'processes';
  workers: string[];
  namespace: string;
  patternsRepo: string;
  /** One-line notices shown to the user (no Redis, --processes fell back, …). */
  notices: string[];
  runs: RunReport[];
  /** `git log --oneline` of the patterns folder, newest first. */
  gitLog: string[];
  latency: LatencyRow[];
  checks: StoryCheck[];
  /** Warnings memory reported along the way (none in a healthy run). */
  warnings: string[];
  durationMs: number;
}

/**
 * Runs the whole demo: a first review that learns and, by default, a second that recalls. Prints a
 * live timeline and a summary to `output`, and returns what happened. Throws only MemoryError.
 */
export async function runDemo(input: RunDemoOptions = {}): Promise<DemoReport> {
  try {
    return await demo(input);
  } catch (error) {
    throw toMemoryError(error);
  }
}

async function demo(input: RunDemoOptions): Promise<DemoReport> {
  const parsed = parseDemoOptions(input);
  const { options } = parsed;
  const output = parsed.output ?? process.stdout;
  const env = parsed.env ?? process.env;
  const analyzer = parsed.analyzer ?? createRuleBasedAnalyzer();
  const c = colorsFor(output, options.color, env);
  const print = printer(output);
  const started = performance.now();

  const codebase = await loadCodebase();
  const patternsRepo = await ensureOwnRepository(
    options.patternsDir ?? mkdtempSync(path.join(tmpdir(), 'agent-memory-demo-')),
  );
  const namespace = options.namespace ?? `demo-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
  const workers = Array.from({ length: options.processes ?? options.workers }, (_, i) => `worker-${i + 1}`);
  const doomed = options.kill ? workers[seededRandom(options.seed).int(workers.length)]! : null;
  let target: RedisTarget = redisTarget({
    redis: options.redis,
    local: options.local,
    probe: options.probeRedis,
    env,
  });

  const recorder = new LatencyRecorder();
  const timeline = new Timeline(print, c);
  const notices: string[] = [];
  const warnings: string[] = [];
  const runs: RunReport[] = [];
  let backend: DemoReport['backend'] = 'memory';
  let mode: DemoReport['mode'] = 'async';
  const notice = (text: string) => {
    notices.push(text);
    print(c.yellow(text));
  };

  print(c.bold('agent-memory demo: two memory layers for a team of AI agents'));
  print(
    `${workers.length} reviewer agents, an orchestrator and a validator review ${codebase.length} files of sample-codebase/.`,
  );
  print(
    c.dim('No model and no API key: the "analysis" is deterministic rules; prompts are built and measured.'),
  );

  for (let run = 1; run <= options.runs; run++) {
    const runNamespace = `${namespace}-r${run}`;
    const opened = await openMemory({
      target,
      namespace: runNamespace,
      patternsRepo,
      leaseMs: options.leaseMs,
      warnings,
    });
    const { memory } = opened;
    if (opened.notice) notice(opened.notice);
    // Once Redis failed to answer, later runs go straight to the local adapter.
    if (memory.backend !== 'redis') target = { url: undefined, source: 'none' };
    backend = memory.backend;
    let processes: { redisUrl: string } | null = null;
    if (options.processes !== undefined) {
      if (memory.backend === 'redis' && target.url) processes = { redisUrl: target.url };
      else if (run === 1) {
        notice(
          `--processes needs Redis to share memory between processes: running ${workers.length} async agents instead.`,
        );
      }
    }
    mode = processes ? 'processes' : 'async';
    if (run === 1) printLayers(print, c, memory.backend, target, patternsRepo, mode, options);
    print();
    print(c.bold(runHeading(run, options.runs)));
    try {
      runs.push(
        await reviewRun({
          run,
          memory,
          namespace: runNamespace,
          codebase,
          workerIds: workers,
          processes,
          patternsRepo,
          analyzer,
          leaseMs: options.leaseMs,
          thinkMs: options.thinkMs,
          seed: options.seed,
          doomed: run === 1 ? doomed : null,
          keep: options.keep,
          timeline,
          recorder,
          warnings,
        }),
      );
    } finally {
      await memory.close();
    }
    const report = runs[runs.length - 1]!;
    print(
      c.dim(
        `Run ${run} took ${(report.durationMs / 1000).toFixed(1)} s. ` +
          (options.keep
            ? `Its short-term state stays in namespace ${runNamespace} until it expires.`
            : 'Its short-term memory is cleared (sessions ended, windows and tasks forgotten); what was promoted stays in git.'),
      ),
    );
  }

  const gitLog = await gitLogOneline(patternsRepo, 'patterns');
  const checks = checkStory(runs, gitLog, options.kill);
  const latency = recorder.rows();
  print();
  print(c.bold('━━ Summary ━━'));
  for (const line of runTable(runs)) print(`  ${line}`);
  print();
  print(
    c.bold(
      `Memory latency per operation (${backend === 'redis' ? 'Redis' : backend === 'sqlite' ? 'the embedded SQLite file' : 'in-process memory'}, git):`,
    ),
  );
  for (const line of latencyTable(latency, backend)) print(`  ${line}`);
  print();
  print(c.bold(`git log --oneline (patterns in ${patternsRepo}):`));
  for (const line of gitLog.slice(0, 15)) print(`  ${line}`);
  if (gitLog.length > 15) print(c.dim(`  … ${gitLog.length - 15} more`));
  print();
  print(c.bold('What happened:'));
  for (const line of storyLines(checks, c)) print(`  ${line}`);
  if (warnings.length > 0) {
    print(c.dim(`  (${warnings.length} warning(s) from memory: ${warnings.slice(0, 3).join(' | ')})`));
  }
  const durationMs = performance.now() - started;
  print();
  print(c.dim(`Done in ${(durationMs / 1000).toFixed(1)} s.`));
  return {
    ok: checks.every((check) => check.ok),
    backend,
    mode,
    workers,
    namespace,
    patternsRepo,
    notices,
    runs,
    gitLog,
    latency,
    checks,
    warnings,
    durationMs,
  };
}

function runHeading(run: number, runs: number): string {
  const what =
    run === 1
      ? 'learn — review the codebase, settle disagreements, promote what the team agrees on'
      : 'recall — fresh short-term memory, the patterns from git, the same codebase';
  return `━━ Run ${run} of ${runs}: ${what} ━━`;
}

function printLayers(
  print: (line?: string) => void,
  c: Colors,
  backend: string,
  target: RedisTarget,
  patternsRepo: string,
  mode: DemoReport['mode'],
  options: DemoOptions,
): void {
  const shortTerm =
    backend === 'redis' && target.url
      ? `Redis at ${redactRedisUrl(target.url)}`
      : backend === 'sqlite'
        ? 'the embedded SQLite file (shared by every process on this machine)'
        : 'in-process memory';
  print(`  short-term memory (sessions, windows, claims, findings, events): ${c.bold(shortTerm)}`);
  print(`  long-term memory (patterns): ${c.bold(`git repository ${patternsRepo}`)}`);
  print(
    c.dim(
      `  workers: ${mode === 'processes' ? 'separate OS processes' : 'async agents in this process'}, ` +
        `lease ${options.leaseMs} ms, seed ${options.seed}`,
    ),
  );
}
