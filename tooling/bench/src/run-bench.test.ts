import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from './report-model.js';
import { type BenchRun, runBench } from './run-bench.js';

// Tiny counts: this checks that the harness runs end to end and writes every report, not speed.
const TINY = {
  warmup: 5,
  latencyIterations: 20,
  throughputMs: 20,
  concurrency: 8,
  rounds: 2,
  agents: [1, 8],
  scaleMs: 10,
  windowLengths: [10, 50],
  localBatchSize: 10,
  localBatches: 5,
  crossProcessMessages: 5,
  corpusSizes: [20, 150],
  searchQueries: 5,
  patternSaves: 2,
  patternBatches: 1,
  historyVersions: 2,
  historyReads: 2,
  startupRuns: 1,
};

describe('runBench --quick with tiny counts', () => {
  let redis: TestRedis;
  let namespace: string;
  let outDir: string;
  let run: BenchRun;

  beforeAll(async () => {
    redis = await useTestRedis();
    namespace = redis.namespace('bench');
    outDir = mkdtempSync(path.join(tmpdir(), 'agent-memory-bench-test-'));
    run = await runBench({
      quick: true,
      redisUrl: redis.url,
      namespace,
      outDir,
      profile: TINY,
      sections: ['short-term', 'local', 'sqlite', 'scale', 'patterns'],
    });
  }, 60_000);

  afterAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await redis?.stop();
  });

  it('writes the JSON report, the Markdown report and the charts', () => {
    for (const name of ['latest.json', 'latest.md', ...run.report.charts]) {
      expect(existsSync(path.join(outDir, name)), name).toBe(true);
    }
    expect(run.report.charts).toEqual(
      expect.arrayContaining([
        'concurrency-latency.svg',
        'concurrency-throughput.svg',
        'window-latency.svg',
        'window-throughput.svg',
        'pattern-search.svg',
        'pattern-index.svg',
      ]),
    );
    const json = JSON.parse(readFileSync(path.join(outDir, 'latest.json'), 'utf8')) as BenchReport;
    expect(json.mode).toBe('quick');
    expect(json.machine.redisVersion).toMatch(/^\d+\.\d+/);
    expect(json.machine.cores).toBeGreaterThan(0);
    for (const chart of run.report.charts) {
      expect(readFileSync(path.join(outDir, chart), 'utf8')).toMatch(
        /^<svg[\s\S]*<path d="M[\s\S]*<\/svg>\n$/,
      );
    }
  });

  it('measures the four operations (plus a bare claim) for us, raw ioredis and the peers', () => {
    const ops = run.report.operations;
    expect(ops.map((o) => o.id)).toEqual([
      'session-read',
      'coordination-write',
      'pubsub',
      'context-retrieval',
      'claim',
    ]);
    for (const op of ops) {
      expect(op.contenders.map((c) => c.impl)).toEqual(expect.arrayContaining(['ours', 'raw']));
      expect(op.ratios).not.toBeNull();
      for (const c of op.contenders) {
        expect(c.latency.samples).toBe(TINY.latencyIterations);
        expect(c.opsPerSec).toBeGreaterThan(0);
      }
    }
    const write = ops.find((o) => o.id === 'coordination-write')!;
    expect(write.contenders.map((c) => c.impl)).toEqual(['ours', 'raw', 'peer', 'coordination']);
    const window = ops.find((o) => o.id === 'context-retrieval')!;
    expect(window.contenders.map((c) => c.impl)).toEqual(['ours', 'raw', 'peer']);
    for (const op of ops) {
      const { throughput, throughputMin, throughputMax, cpu } = op.ratios!;
      expect(throughputMin).toBeLessThanOrEqual(throughput);
      expect(throughputMax).toBeGreaterThanOrEqual(throughput);
      expect(cpu).toBeGreaterThan(0);
      for (const c of op.contenders) expect(c.opsPerSecRounds).toHaveLength(TINY.rounds);
    }
    expect(ops.filter((o) => o.reference !== null)).toHaveLength(4);
    // An external server is shared, so commands per op cannot be attributed to the run.
    expect(write.contenders.every((c) => c.commandsPerOp === null)).toBe(true);
  });

  it('covers the local adapter, the SQLite adapter, the scale curves and the pattern store', () => {
    const { local, sqlite, scale, patterns } = run.report;
    expect(local.map((r) => r.id)).toEqual([
      'session-read',
      'coordination-write',
      'claim',
      'share',
      'pubsub',
      'context-retrieval',
    ]);
    expect(local.every((r) => r.latency.samples === TINY.localBatches)).toBe(true);
    expect(sqlite.map((r) => r.id)).toEqual([
      ...local.map((r) => r.id),
      'pubsub-cross-process',
      'floor-read',
      'floor-write',
    ]);
    for (const r of sqlite) {
      const samples = r.id === 'pubsub-cross-process' ? TINY.crossProcessMessages : TINY.localBatches;
      expect(r.latency.samples, r.id).toBe(samples);
    }
    expect(sqlite.every((r) => r.opsPerSec > 0)).toBe(true);
    expect(sqlite.filter((r) => r.targetUs !== null).map((r) => r.id)).toEqual([
      'session-read',
      'coordination-write',
      'pubsub',
      'context-retrieval',
      'pubsub-cross-process',
    ]);
    expect(scale.concurrency).toHaveLength(8);
    expect(scale.concurrency.every((s) => s.points.map((p) => p.x).join() === '1,8')).toBe(true);
    expect(scale.window.map((s) => `${s.op}/${s.impl}`)).toEqual([
      'recent-all/ours',
      'recent-all/raw',
      'recent-10/ours',
      'recent-10/raw',
    ]);
    expect(patterns.map((p) => p.corpus)).toEqual([20, 150]);
    expect(
      patterns.every((p) => p.search.samples === TINY.searchQueries && p.saveBatch100.samples === 1),
    ).toBe(true);
  });

  it('renders every section in the Markdown report', () => {
    const md = readFileSync(path.join(outDir, 'latest.md'), 'utf8');
    for (const heading of [
      '## The four operations',
      '## Every contender',
      '## Local adapter (in-process)',
      '## SQLite adapter beside Redis and the in-memory adapter',
      '## Scale: concurrent agents',
      '## Scale: conversation window length',
      '## Long-term layer (git-patterns)',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toMatch(/\| Session context read \| [\d.]+ ms \|/);
    expect(md).toContain('redis-semaphore + LPUSH');
    expect(md).toContain('@langchain/redis chat history');
    expect(md).toContain('| client CPU/op | cmds/op |');
    expect(md).toMatch(/\*\*Summary\.\*\* Targets vs raw ioredis: p50 within 1\.2× on \d of 4 operations/);
    expect(md).toContain('![Pattern search latency vs corpus size](pattern-search.svg)');
    // the side-by-side table has every backend's figure, and says what the in-memory one cannot do
    expect(md).toMatch(
      /\| session read \| [\d.]+ (µs|ms) \| [\d,]+\/s \| [\d.]+ µs \| [\d,]+\/s \| [\d.]+ µs \|/,
    );
    expect(md).toMatch(
      /\| publish → receive, another process \| .* \| not shared \| not shared \| [\d.]+ (µs|ms) \|/,
    );
  });

  it('leaves no key of its namespace behind', async () => {
    const client = new Redis(redis.url);
    try {
      const [, keys] = await client.scan('0', 'MATCH', `*${namespace}:*`, 'COUNT', 10_000);
      expect(keys).toEqual([]);
    } finally {
      client.disconnect();
    }
  });
});

describe('runBench, start-up section', () => {
  let redis: TestRedis;
  let outDir: string;

  beforeAll(async () => {
    redis = await useTestRedis();
    outDir = mkdtempSync(path.join(tmpdir(), 'agent-memory-bench-startup-'));
  });
  afterAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await redis?.stop();
  });

  it('times every command of the CLI as whole processes next to node -e 0, and reports them', async () => {
    const namespace = redis.namespace('bench-startup');
    const { report } = await runBench({
      quick: true,
      redisUrl: redis.url,
      namespace,
      outDir,
      profile: { startupRuns: 1 },
      sections: ['startup'],
    });
    expect(report.startup.map((r) => `${r.id}`)).toEqual([
      'version',
      'remember-redis',
      'recall-redis',
      'tasks-claim-redis',
      'remember-embedded',
      'recall-embedded',
      'tasks-claim-embedded',
      'mcp-initialize',
    ]);
    for (const result of report.startup) {
      expect(result.runs, result.id).toBe(1);
      expect(result.wallMs.median, result.id).toBeGreaterThan(0);
      expect(result.nodeWallMs.median, result.id).toBeGreaterThan(0);
      // Peak RSS is the process's own: a Node process is never under 10 MiB.
      expect(result.peakRssMiB.median, result.id).toBeGreaterThan(10);
      expect(result.ratio.median).toBeCloseTo(result.wallMs.median / result.nodeWallMs.median, 5);
    }
    const markdown = readFileSync(path.join(outDir, 'latest.md'), 'utf8');
    expect(markdown).toContain('## Start-up of the command line');
    expect(markdown).toContain('mcp, until initialize is answered');
    const probe = new Redis(redis.url);
    try {
      expect(await probe.keys(`${namespace}:*`)).toEqual([]);
    } finally {
      probe.disconnect();
    }
  }, 180_000);
});
