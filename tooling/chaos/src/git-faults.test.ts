import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGitPatternStore, type GitPatternStore } from '@agent-memory/git-patterns';
import { afterAll, describe, expect, it } from 'vitest';
import { transpileSources } from '../../../packages/git-patterns/test/workers/transpile-sources.js';
import { codeOf, eventually, sleep } from './chaos-helpers.js';

// Git-layer faults of issue 10: a writer SIGKILLed mid-save, a full disk, a read-only file system,
// and paths the store cannot write. The killed writer is a real OS process running the TypeScript
// sources through git-patterns' own module hook (test/workers/ts-hooks.mjs), so no build is needed.

const here = path.dirname(fileURLToPath(import.meta.url));
const chaosDir = path.resolve(here, '..');
const gitPatternsDir = realpathSync(path.join(chaosDir, 'node_modules/@agent-memory/git-patterns'));
const coreDir = realpathSync(path.join(gitPatternsDir, 'node_modules/@agent-memory/core'));
const PATTERNS = '.agent-memory/patterns';
const LOCK_STALE_MS = 2000; // the smallest the store accepts

const made: string[] = [];
const mounts: string[] = [];
afterAll(() => {
  for (const mount of mounts.splice(0)) umount(mount);
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `chaos-git-${label}-`));
  made.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Chaos', '-c', 'user.email=chaos@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function projectRepo(at: string): string {
  git(at, 'init', '--quiet', '--initial-branch=main');
  git(at, 'commit', '--quiet', '--allow-empty', '-m', 'initial commit');
  return at;
}

const input = (title: string) => ({
  kind: 'bug-fix' as const,
  title,
  summary: `Summary of ${title}.`,
  body: 'Enough text to need a real write.\n'.repeat(50),
  author: 'chaos',
});

/** Runs save-loop-worker.ts (in its own process group, so a stray child never outlives the test). */
function startSaveLoop(
  repo: string,
  label: string,
  sourcesFile: string,
): { child: ChildProcess; ids: string[] } {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@agent-memory/source',
      '--import',
      path.join(gitPatternsDir, 'test/workers/register-ts-hooks.mjs'),
      path.join(chaosDir, 'test/save-loop-worker.ts'),
      repo,
      label,
    ],
    {
      env: { ...process.env, GIT_PATTERNS_TS_SOURCES: sourcesFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const ids: string[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    ids.push(...lines.filter((line) => line !== ''));
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL') console.error(`[chaos] save loop ${label} exited ${code}: ${stderr}`);
  });
  return { child, ids };
}

/**
 * SIGKILLs the node process only: a git command it had started runs to its end, as when an agent
 * is killed by its supervisor. (Killing git itself mid-command leaves `index.lock`: see the report
 * in docs/operations.md, "Not covered yet".)
 */
function killWriter(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Every `.md` file under the patterns dir (committed or not), relative to the repo root. */
function patternFilesOnDisk(repo: string): string[] {
  const root = path.join(repo, PATTERNS);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(repo, path.join(entry.parentPath, entry.name)));
}

function mount(args: string[]): boolean {
  try {
    execFileSync('mount', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function umount(target: string): void {
  try {
    execFileSync('umount', ['-l', target], { stdio: 'ignore' });
  } catch {
    // Already gone.
  }
}

/** A fresh tmpfs of `size` mounted on a temp folder, or null where mounting is not permitted. */
function tmpfs(label: string, size: string): string | null {
  const dir = tempDir(label);
  if (!mount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir])) return null;
  mounts.push(dir);
  return dir;
}

async function expectWorkTreeUntouched(store: GitPatternStore, repo: string, headBefore: string) {
  expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(headBefore);
  // --no-optional-locks: a plain status would try to refresh the index, which a full disk refuses.
  expect(
    git(repo, '--no-optional-locks', 'status', '--porcelain', '--untracked-files=all', '--', PATTERNS).trim(),
  ).toBe('');
  expect((await store.reindex()).corrupt).toEqual([]);
}

describe('git layer: writer SIGKILLed mid-save', () => {
  it('a fresh store recovers the stale locks; history, files and fsck stay sound', async () => {
    const repo = projectRepo(tempDir('killed'));
    const sourcesFile = path.join(tempDir('sources'), 'sources.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify(
        transpileSources([
          path.join(gitPatternsDir, 'src'),
          path.join(coreDir, 'src'),
          path.join(chaosDir, 'test'),
        ]),
      ),
    );

    const committedByWorkers: string[] = [];
    for (let round = 0; round < 3; round++) {
      const loop = startSaveLoop(repo, `killed-${round}`, sourcesFile);
      const target = 2 + Math.floor(Math.random() * 4);
      await eventually(() => loop.ids.length >= target, 30_000, `worker round ${round} saving ${target}`);
      // A random instant inside the next save: file write, git add, git commit or lock release.
      await sleep(Math.random() * 40);
      await killWriter(loop.child);
      committedByWorkers.push(...loop.ids);
      console.log(`[chaos] round ${round}: killed after ${loop.ids.length} acknowledged saves`);
    }

    const killedAt = Date.now();
    const store = await createGitPatternStore({ repo, lockStaleMs: LOCK_STALE_MS, lockTimeoutMs: 15_000 });
    const after = await store.save(input('Saved after the crashes'));
    console.log(`[chaos] first save after the kills took ${Date.now() - killedAt} ms`);
    expect(await store.get(after.id)).toMatchObject({ title: 'Saved after the crashes' });
    await store.save(input('And the one after that'));

    // No corruption, and the objects of every commit are reachable and intact.
    execFileSync('git', ['fsck', '--full', '--strict', '--no-dangling'], { cwd: repo, stdio: 'pipe' });
    // Every acknowledged save is committed, and every committed pattern parses.
    const committed = git(repo, 'ls-tree', '-r', '--name-only', 'HEAD', '--', PATTERNS)
      .split('\n')
      .filter((line) => line !== '');
    const committedIds = committed.map((rel) => path.basename(rel, '.md'));
    expect(committedIds).toEqual(expect.arrayContaining(committedByWorkers));
    expect((await store.reindex()).corrupt).toEqual([]);
    expect((await store.list({ limit: 10_000 })).map((p) => p.id).sort()).toEqual([...committedIds].sort());
    // History is linear and no commit mixes saves.
    expect(git(repo, 'rev-list', '--merges', 'HEAD').trim()).toBe('');

    // The work tree: no half-written pattern, and nothing a killed save wrote or staged without
    // committing it: the first save after the kills undid that (the save was never acknowledged).
    for (const rel of patternFilesOnDisk(repo)) {
      const id = path.basename(rel, '.md');
      expect(await store.get(id), `${rel} parses`).not.toBeNull();
    }
    // Temp files of an atomic write the kill interrupted included.
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all', '--', PATTERNS).trim()).toBe('');
    await store.close();
  }, 60_000);

  it('a stale lock dir of a dead writer is taken over within lockStaleMs', async () => {
    const repo = projectRepo(tempDir('stale-lock'));
    // What a SIGKILLed holder leaves: proper-lockfile's lock directory, no longer refreshed.
    const lockDir = path.join(repo, '.git/agent-memory.lock');
    mkdirSync(lockDir);
    const old = new Date(Date.now() - 3 * LOCK_STALE_MS);
    execFileSync('touch', ['-d', old.toISOString(), lockDir]);
    const store = await createGitPatternStore({ repo, lockStaleMs: LOCK_STALE_MS, lockTimeoutMs: 10_000 });
    const saved = await store.save(input('After a dead writer'));
    expect(await store.get(saved.id)).not.toBeNull();
    expect(existsSync(lockDir)).toBe(false);
    await store.close();
  });
});

describe('git layer: the disk says no', () => {
  it('ENOSPC on a full tmpfs: a clear error, nothing half-written, saves work again once space is back', async () => {
    const disk = tmpfs('full', '2m');
    if (disk === null) throw new Error('mount -t tmpfs is not permitted here: see the ENOTDIR test instead');
    const repo = projectRepo(disk);
    const store = await createGitPatternStore({ repo, lockStaleMs: LOCK_STALE_MS, lockTimeoutMs: 5000 });
    const first = await store.save(input('Before the disk filled up'));
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    // Fill every remaining byte (dd stops with ENOSPC, which is the point).
    const filler = path.join(disk, 'filler');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
    } catch {
      // No space left: expected.
    }
    const failed = store.save(input('While the disk is full'));
    expect(await codeOf(failed)).toBe('BACKEND_UNAVAILABLE');
    await expect(failed).rejects.toThrow(/ENOSPC|No space left/i);
    await expectWorkTreeUntouched(store, repo, head);
    expect(await store.get(first.id)).toMatchObject({ title: 'Before the disk filled up' });

    rmSync(filler);
    const later = await store.save(input('After space came back'));
    expect(await store.get(later.id)).not.toBeNull();
    execFileSync('git', ['fsck', '--full', '--strict', '--no-dangling'], { cwd: repo, stdio: 'pipe' });
    await store.close();
  });

  it('EROFS on a read-only remount: BACKEND_UNAVAILABLE with the errno and path as cause, repository unchanged', async () => {
    const disk = tmpfs('readonly', '8m');
    if (disk === null) throw new Error('mount -t tmpfs is not permitted here: see the ENOTDIR test instead');
    const repo = projectRepo(disk);
    const store = await createGitPatternStore({ repo, lockStaleMs: LOCK_STALE_MS, lockTimeoutMs: 5000 });
    await store.save(input('Before the remount'));
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(mount(['-o', 'remount,ro', disk])).toBe(true);
    try {
      const failed = store.save(input('While read-only'));
      expect(await codeOf(failed)).toBe('BACKEND_UNAVAILABLE');
      // The cause carries the errno; the message itself does not name the path (see the report).
      const error: { cause?: { code?: string; path?: string } } = await failed.then(
        () => ({}),
        (caught) => caught,
      );
      expect(error.cause?.code).toBe('EROFS');
      expect(error.cause?.path).toContain(disk);
      await expectWorkTreeUntouched(store, repo, head);
    } finally {
      mount(['-o', 'remount,rw', disk]);
    }
    const later = await store.save(input('After the remount'));
    expect(await store.get(later.id)).not.toBeNull();
    await store.close();
  });

  it('ENOTDIR: a patterns dir under a regular file fails clearly, naming the path', async () => {
    const repo = projectRepo(tempDir('notdir'));
    writeFileSync(path.join(repo, 'blocker'), 'a file where a folder should be\n');
    git(repo, 'add', 'blocker');
    git(repo, 'commit', '--quiet', '-m', 'add blocker');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const store = await createGitPatternStore({ repo, dir: 'blocker/patterns' }).catch((error) => error);
    if (store instanceof Error) {
      expect((store as { code?: string }).code).toMatch(/BACKEND_UNAVAILABLE|INVALID_INPUT/);
      expect(store.message).toMatch(/blocker/);
      return;
    }
    const failed = (store as GitPatternStore).save(input('Nowhere to go'));
    expect(await codeOf(failed)).toMatch(/^(BACKEND_UNAVAILABLE|INVALID_INPUT)$/);
    await expect(failed).rejects.toThrow(/blocker/);
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all').trim()).toBe('');
    await (store as GitPatternStore).close();
  });
});
