import { spawn } from 'node:child_process';
import { readdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { git, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { transpileSources } from '../test/workers/transpile-sources.js';
import { createGitPatternStore } from './git-pattern-store.js';

// 8 real OS processes × 50 saves each into one repository. The children run this package's
// TypeScript sources through a module hook (test/workers/ts-hooks.mjs) fed with sources
// transpiled here, so the test needs no build and works from a fresh clone.
const WORKERS = 8;
const SAVES = 50;

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const coreDir = realpathSync(path.join(packageDir, 'node_modules/@agent-memory/core'));
const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

function runWorker(repo: string, worker: number, sourcesFile: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@agent-memory/source',
        '--import',
        path.join(packageDir, 'test/workers/register-ts-hooks.mjs'),
        path.join(packageDir, 'test/workers/save-worker.ts'),
        repo,
        String(worker),
        String(SAVES),
      ],
      { env: { ...process.env, GIT_PATTERNS_TS_SOURCES: sourcesFile }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as string[]);
      else reject(new Error(`worker ${worker} exited with ${code}: ${stderr}`));
    });
  });
}

describe('concurrent saves from separate processes', () => {
  it(`${WORKERS} processes × ${SAVES} saves: every pattern committed once, linear history`, async () => {
    const repo = makeProjectRepo(dirs);
    const sourcesFile = path.join(dirs.make('sources'), 'sources.json');
    const sources = transpileSources([
      path.join(packageDir, 'src'),
      path.join(packageDir, 'test/workers'),
      path.join(coreDir, 'src'),
    ]);
    writeFileSync(sourcesFile, JSON.stringify(sources));

    const perWorker = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) => runWorker(repo, w, sourcesFile)),
    );

    const ids = perWorker.flat();
    expect(ids).toHaveLength(WORKERS * SAVES);
    expect(new Set(ids).size).toBe(WORKERS * SAVES);
    const files = readdirSync(path.join(repo, '.agent-memory/patterns/bug-fix'));
    expect(files.sort()).toEqual(ids.map((id) => `${id}.md`).sort());

    // Linear: no merge commits; one commit per save plus the initial one.
    expect(git(repo, 'rev-list', '--merges', 'HEAD').trim()).toBe('');
    expect(Number(git(repo, 'rev-list', '--count', 'HEAD').trim())).toBe(WORKERS * SAVES + 1);
    // No commit mixes two saves: each store commit touches exactly one file, and its trailer names its worker.
    const log = git(repo, 'log', '--format=%x1e%B', '--name-only', '-n', String(WORKERS * SAVES));
    const commits = log.split('\x1e').filter((entry) => entry.trim() !== '');
    expect(commits).toHaveLength(WORKERS * SAVES);
    for (const commit of commits) {
      const touched = commit.split('\n').filter((line) => line.startsWith('.agent-memory/'));
      expect(touched).toHaveLength(1);
      const worker = /^Agent-Id: worker-(\d+)$/m.exec(commit)?.[1];
      expect(commit).toContain(`Session-Id: session-${worker}`);
    }
    expect(git(repo, 'status', '--porcelain').trim()).toBe('');

    const store = await createGitPatternStore({ repo });
    const listed = await store.list({ limit: 10_000 });
    expect(listed.map((p) => p.id).sort()).toEqual([...ids].sort());
    for (let w = 0; w < WORKERS; w++) {
      expect(await store.list({ author: `worker-${w}`, limit: 10_000 })).toHaveLength(SAVES);
    }
    await store.close();
  }, 180_000);
});
