import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toMemoryError } from '@agent-memory/core';
import { type BenchOptionsInput, parseBenchOptions, resolveProfile } from './bench-options.js';
import { buildCharts } from './charts.js';
import { loadAverage, machineInfo } from './machine-info.js';
import { renderMarkdown } from './markdown-report.js';
import { openRedisTarget } from './redis-target.js';
import type { BenchReport } from './report-model.js';
import { runLocalOperations } from './scenarios/local-operations.js';
import { runPatternStore } from './scenarios/pattern-store.js';
import { prepareRedisOperations } from './scenarios/redis-operations.js';
import { runOperations } from './scenarios/run-operations.js';
import { concurrencyCurves, windowCurves } from './scenarios/scale-curves.js';
import { runSqliteOperations } from './scenarios/sqlite-operations.js';
import { runStartup } from './scenarios/startup.js';

export interface BenchRun {
  report: BenchReport;
  /** Absolute paths of everything written: latest.json, latest.md and the charts. */
  files: string[];
}

const NOTES = [
  'Numbers are from a 2-core machine shared with other work (test suites, builds): expect noise, ' +
    'and compare contenders side by side within this run rather than with other runs.',
  'Peer libraries, on the same Redis: redis-semaphore (Mutex) for claims; @langchain/redis ' +
    '(RedisChatMessageHistory, on node-redis) for the conversation window. Both are dev dependencies of ' +
    'the bench only.',
  'Throughput ratios swing by about ±0.1 between runs here (see the brackets). For the client-side cost ' +
    'without that noise, `pnpm --filter @agent-memory/bench instructions` counts instructions per operation ' +
    'under callgrind (tooling/bench README).',
];

/** Runs the benchmark and writes `latest.json`, `latest.md` and SVG charts to the output folder. */
export async function runBench(input: BenchOptionsInput = {}): Promise<BenchRun> {
  const options = parseBenchOptions(input);
  const profile = resolveProfile(options);
  const log = options.log ?? (() => {});
  const started = process.hrtime.bigint();
  const loadStart = loadAverage();
  const has = (s: (typeof options.sections)[number]) => options.sections.includes(s);

  const report: BenchReport = {
    schemaVersion: 3,
    generatedAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    durationSec: 0,
    sections: options.sections,
    profile,
    machine: machineInfo('n/a', loadStart),
    redis: options.redisUrl ? 'external' : 'private',
    operations: [],
    local: [],
    sqlite: [],
    scale: { concurrency: [], window: [] },
    patterns: [],
    startup: [],
    charts: [],
    notes: [...NOTES],
  };

  let redisVersion = 'n/a';
  if (has('short-term') || has('scale')) {
    const target = await openRedisTarget({ url: options.redisUrl, namespace: options.namespace });
    try {
      redisVersion = await target.version();
      log(`redis ${redisVersion} at ${target.url} (namespace ${target.namespace})`);
      const world = await prepareRedisOperations(target);
      try {
        if (has('short-term')) {
          log('short-term operations: ours vs raw ioredis vs peers');
          report.operations = await runOperations(world.specs, target, profile, log);
        }
        if (has('scale')) {
          log('scale: concurrent agents');
          report.scale.concurrency = await concurrencyCurves(world.specs, profile, log);
          log('scale: window length');
          report.scale.window = await windowCurves(target, profile, log);
        }
      } finally {
        await world.close();
      }
    } finally {
      await target.close();
    }
  }
  if (has('local')) {
    log('local adapter');
    report.local = await runLocalOperations(profile, log);
  }
  if (has('sqlite')) {
    log('sqlite adapter');
    report.sqlite = await runSqliteOperations(profile, log);
  }
  if (has('patterns')) {
    log('git-patterns');
    report.patterns = await runPatternStore(profile, log);
  }

  if (has('startup')) {
    const target = await openRedisTarget({ url: options.redisUrl, namespace: options.namespace });
    try {
      if (redisVersion === 'n/a') redisVersion = await target.version();
      log('start-up: the agent-memory binary as whole processes, paired with node -e 0');
      report.startup = await runStartup(target, profile, log);
    } finally {
      await target.close();
    }
  }

  report.machine = machineInfo(redisVersion, loadStart);
  report.durationSec = Number(process.hrtime.bigint() - started) / 1e9;
  return { report, files: await writeReport(report, options.outDir) };
}

async function writeReport(report: BenchReport, outDir: string): Promise<string[]> {
  try {
    await mkdir(outDir, { recursive: true });
    const charts = buildCharts(report);
    report.charts = charts.map((c) => c.file);
    const files: string[] = [];
    const write = async (name: string, text: string) => {
      const file = path.join(outDir, name);
      await writeFile(file, text);
      files.push(file);
    };
    await write('latest.json', `${JSON.stringify(report, null, 2)}\n`);
    await write('latest.md', renderMarkdown(report, charts));
    for (const chart of charts) await write(chart.file, chart.svg);
    return files;
  } catch (error) {
    throw toMemoryError(error, 'INTERNAL', `cannot write the report to ${outDir}`);
  }
}
