import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, CliSandbox, parseJson } from '../test/cli-process.js';
import { makeGitRepo } from '../test/git-repo.js';

// What a command loads, read from the module list of a real `agent-memory` process (a module hook
// records every module it resolves), not from how long it took: simple commands must not pull in
// the HTTP stack, the MCP SDK or git, whatever the machine's speed.

const TRACE_HOOK = fileURLToPath(new URL('../test/module-trace.mjs', import.meta.url));

const HEAVY: Record<string, RegExp> = {
  fastify: /\/node_modules\/fastify\//,
  '@fastify/swagger': /\/node_modules\/@fastify\/swagger\//,
  '@modelcontextprotocol/sdk': /\/node_modules\/@modelcontextprotocol\/sdk\//,
  'simple-git': /\/node_modules\/simple-git\//,
  minisearch: /\/node_modules\/minisearch\//,
};

let redis: TestRedis;
let onRedis: string[];
let traces = 0;
const sandbox = new CliSandbox();
const repo = join(sandbox.dir, 'repo');
const withPatterns = { AGENT_MEMORY_PATTERNS: undefined, AGENT_MEMORY_PATTERNS_REPO: repo };

beforeAll(async () => {
  redis = await useTestRedis();
  onRedis = ['--redis', redis.url, '--namespace', redis.namespace('cli-module-graph')];
  makeGitRepo(repo);
});
afterAll(async () => {
  await redis?.stop();
  sandbox.cleanup();
});

async function traced(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ result: CliResult; modules: string[] }> {
  const file = join(sandbox.dir, `modules-${traces++}.txt`);
  const result = await sandbox.run(args, {
    nodeArgs: ['--import', TRACE_HOOK],
    env: { ...env, AGENT_MEMORY_MODULE_TRACE: file },
  });
  const modules = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
  return { result, modules };
}

function heavyIn(modules: string[]): string[] {
  return Object.entries(HEAVY)
    .filter(([, pattern]) => modules.some((url) => pattern.test(url)))
    .map(([name]) => name);
}

const packagesIn = (modules: string[]) =>
  [
    ...new Set(modules.flatMap((url) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? [])),
  ].sort();

describe('the modules a command loads', () => {
  it('--version loads the command line parser and nothing of memory', async () => {
    const { result, modules } = await traced(['--version']);
    expect(result.code).toBe(0);
    expect(packagesIn(modules)).toEqual(['commander', 'picocolors']);
  });

  for (const backend of ['local', 'redis'] as const) {
    it(`remember, recall, tasks claim and status on ${backend} load no server, MCP SDK, git or search index`, async () => {
      const on = backend === 'redis' ? onRedis : ['--local'];
      const calls = [
        ['remember', '--user', 'ana', 'the bug is in src/auth.ts'],
        ['recall', '--user', 'ana'],
        ['tasks', 'claim', `graph-${backend}`, '--agent', 'ana'],
        ['status', '--json'],
      ];
      for (const args of calls) {
        const { result, modules } = await traced([...args, ...on], withPatterns);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
        expect(heavyIn(modules), args.join(' ')).toEqual([]);
        // The pattern store itself is not opened either (status reads the repository with git alone).
        expect(modules.filter((url) => url.endsWith('/git-pattern-store.js'))).toEqual([]);
        if (backend === 'local') expect(packagesIn(modules)).not.toContain('ioredis');
        if (args[0] === 'status') {
          expect(parseJson<{ patterns: unknown }>(result.stdout).patterns).toMatchObject({
            enabled: true,
            dir: expect.stringContaining('.agent-memory'),
          });
        }
      }
    });
  }

  it('status counts the committed patterns; the commands that need git or MCP do load them', async () => {
    const added = await traced(
      ['patterns', 'add', '--kind', 'bug-fix', '--title', 'Trim before comparing', '--body', 'trim'],
      withPatterns,
    );
    expect(added.result.code, added.result.stderr).toBe(0);
    expect(heavyIn(added.modules)).toEqual(['simple-git']);

    const status = await traced(['status', '--json', '--local'], withPatterns);
    expect(heavyIn(status.modules)).toEqual([]);
    const report = parseJson<{ patterns: { count: number; lastCommit: { message: string } } }>(
      status.result.stdout,
    );
    expect(report.patterns.count).toBe(1);
    expect(report.patterns.lastCommit.message).toContain('Trim before comparing');

    // stdin is closed at once, so the server starts and stops.
    const mcp = await traced(['mcp', '--local']);
    expect(mcp.result.code, mcp.result.stderr).toBe(0);
    expect(heavyIn(mcp.modules)).toEqual(['@modelcontextprotocol/sdk']);
  });
});
