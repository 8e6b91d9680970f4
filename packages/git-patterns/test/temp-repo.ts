import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Temporary folders for one test file, removed by `cleanup()` (call it in afterAll/afterEach). */
export class TempDirs {
  private readonly made: string[] = [];

  make(label = 'repo'): string {
    const dir = mkdtempSync(path.join(tmpdir(), `git-patterns-${label}-`));
    this.made.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

const IDENTITY = ['-c', 'user.name=Test Person', '-c', 'user.email=test@example.com'];

/** Runs git synchronously for test setup and assertions (the store itself is what is under test). */
export function git(cwd: string, ...args: string[]): string {
  return gitWithEnv(cwd, {}, ...args);
}

export function gitWithEnv(cwd: string, env: Record<string, string>, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
}

/** A fresh repository with one commit by a "user", so tests start from a realistic project. */
export function makeProjectRepo(dirs: TempDirs): string {
  const repo = dirs.make('project');
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'commit', '--quiet', '--allow-empty', '-m', 'initial commit');
  return repo;
}
