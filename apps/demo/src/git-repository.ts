import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { MemoryError } from '@agent-memory/core';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 4 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new MemoryError(
      'BACKEND_UNAVAILABLE',
      `git ${args[0]} failed in ${cwd}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Makes `dir` a repository of its own: a folder inside someone's project becomes a nested
 * repository rather than a place where the demo commits into their project.
 */
export async function ensureOwnRepository(dir: string): Promise<string> {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  if (!existsSync(path.join(absolute, '.git'))) await git(absolute, ['init', '--quiet']);
  return absolute;
}

/** `git log --oneline` of the patterns folder, newest first. */
export async function gitLogOneline(repo: string, pathspec: string, limit = 30): Promise<string[]> {
  const out = await git(repo, ['log', '--oneline', `-n${limit}`, '--', pathspec]);
  return out.split('\n').filter((line) => line.trim() !== '');
}
