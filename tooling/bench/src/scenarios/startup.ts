import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Profile } from '../bench-options.js';
import { median } from '../latency-stats.js';
import type { Spread, StartupResult, StartupTarget } from '../report-model.js';
import { type ProcessSample, type ProcessSpec, timeProcess } from '../whole-process.js';

/** The targets: a version print next to bare node; simple commands; an MCP host's start. */
export const STARTUP_TARGETS = {
  version: { maxWallMs: 150, maxRatio: 1.5 },
  simple: { maxWallMs: 300, maxPeakRssMiB: 80 },
  mcp: { maxWallMs: 400 },
} satisfies Record<string, StartupTarget>;

const INITIALIZE = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
})}\n`;

interface Scenario {
  id: string;
  title: string;
  backend: StartupResult['backend'];
  /** CLI arguments of run `i` (claims need a task of their own each time). */
  args: (i: number) => string[];
  target: StartupTarget;
  request?: ProcessSpec['request'];
}

/**
 * Whole-process start-up of the `agent-memory` binary: each command spawned `runs` times after one
 * warm-up, every run paired with a bare `node -e 0` spawned just before it, so the ratio holds when
 * the machine's speed drifts. The embedded store is whatever the CLI uses without Redis.
 */
export async function runStartup(
  redis: { url: string; namespace: string },
  profile: Profile,
  log: (line: string) => void,
): Promise<StartupResult[]> {
  const cli = cliMain();
  const home = mkdtempSync(path.join(tmpdir(), 'agent-memory-bench-startup-'));
  try {
    // A git repository as the working directory: `mcp` opens its patterns as a host's would.
    execFileSync('git', ['init', '-q'], { cwd: home });
    const env = childEnv(home);
    const onRedis = ['--redis', redis.url, '--namespace', redis.namespace];
    const scenarios: Scenario[] = [
      {
        id: 'version',
        title: '--version',
        backend: 'none',
        args: () => ['--version'],
        target: STARTUP_TARGETS.version,
      },
      ...(['redis', 'embedded'] as const).flatMap((backend): Scenario[] => {
        const on = backend === 'redis' ? onRedis : [];
        return [
          {
            id: `remember-${backend}`,
            title: 'remember',
            backend,
            args: (i) => ['remember', '--user', 'bench', `start-up message ${i}`, ...on],
            target: STARTUP_TARGETS.simple,
          },
          {
            id: `recall-${backend}`,
            title: 'recall',
            backend,
            args: () => ['recall', '--user', 'bench', ...on],
            target: STARTUP_TARGETS.simple,
          },
          {
            id: `tasks-claim-${backend}`,
            title: 'tasks claim',
            backend,
            args: (i) => ['tasks', 'claim', `startup-${i}`, '--agent', 'bench', ...on],
            target: STARTUP_TARGETS.simple,
          },
        ];
      }),
      {
        id: 'mcp-initialize',
        title: 'mcp, until initialize is answered',
        backend: 'embedded',
        args: () => ['mcp'],
        target: STARTUP_TARGETS.mcp,
        request: {
          stdin: INITIALIZE,
          answered: (line) => line.includes('"id":1') && line.includes('"result"'),
        },
      },
    ];
    const results: StartupResult[] = [];
    for (const scenario of scenarios) {
      log(`start-up: ${scenario.title} (${scenario.backend})`);
      results.push(await measure(scenario, { cli, env, cwd: home, runs: profile.startupRuns }));
    }
    return results;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function measure(
  scenario: Scenario,
  ctx: { cli: string; env: NodeJS.ProcessEnv; cwd: string; runs: number },
): Promise<StartupResult> {
  const bare: ProcessSpec = { args: ['-e', '0'], env: ctx.env, cwd: ctx.cwd };
  const command = (i: number): ProcessSpec => ({
    args: [ctx.cli, ...scenario.args(i)],
    env: ctx.env,
    cwd: ctx.cwd,
    ...(scenario.request ? { request: scenario.request } : {}),
  });
  await timeProcess(bare);
  await timeProcess(command(0));
  const pairs: { node: ProcessSample; cli: ProcessSample }[] = [];
  for (let i = 1; i <= ctx.runs; i++) {
    const node = await timeProcess(bare);
    const cli = await timeProcess(command(i));
    pairs.push({ node, cli });
  }
  const wallMs = spread(pairs.map((p) => p.cli.wallMs));
  const ratio = spread(pairs.map((p) => p.cli.wallMs / p.node.wallMs));
  const peakRssMiB = spread(pairs.map((p) => p.cli.peakRssMiB));
  const { target } = scenario;
  return {
    id: scenario.id,
    title: scenario.title,
    backend: scenario.backend,
    runs: pairs.length,
    wallMs,
    cpuMs: spread(pairs.map((p) => p.cli.cpuMs)),
    peakRssMiB,
    nodeWallMs: spread(pairs.map((p) => p.node.wallMs)),
    ratio,
    target,
    targetMet:
      wallMs.median <= target.maxWallMs &&
      (target.maxRatio === undefined || ratio.median <= target.maxRatio) &&
      (target.maxPeakRssMiB === undefined || peakRssMiB.median <= target.maxPeakRssMiB),
  };
}

function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** The built `agent-memory` binary of this workspace. */
function cliMain(): string {
  const pkg = createRequire(import.meta.url).resolve('@agent-memory/cli/package.json');
  return path.join(path.dirname(pkg), 'dist', 'main.js');
}

/** The caller's environment without its Redis or agent-memory settings; data in the run's folder. */
function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'REDIS_URL' || key.startsWith('AGENT_MEMORY_')) continue;
    env[key] = value;
  }
  return { ...env, XDG_DATA_HOME: path.join(home, 'data'), AGENT_MEMORY_USER: 'bench', NO_COLOR: '1' };
}
