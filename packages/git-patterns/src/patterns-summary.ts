import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MemoryError, toMemoryError } from '@agent-memory/core';
import { PatternPaths } from './pattern-paths.js';

// Kept apart from the store on purpose: it runs git directly (no simple-git), reads no pattern file
// and builds no index, so `agent-memory status` can show the long-term layer at the cost of three
// short git processes.

const FIELD = '\x1f';

export interface PatternsSummaryOptions {
  /** A folder inside the repository's work tree. */
  repo: string;
  /** The patterns folder, relative to the work tree's top level (default `.agent-memory/patterns`). */
  dir?: string;
}

export interface PatternsSummary {
  /** Real path of the repository's work tree. */
  root: string;
  /** Absolute path of the patterns folder. */
  dir: string;
  /** Pattern files (`<dir>/<kind>/<id>.md`) committed at HEAD, superseded ones included. */
  count: number;
  /** The newest commit that touched the patterns folder; null before any. */
  lastCommit: { commit: string; author: string; date: string; message: string } | null;
}

/**
 * What is in a pattern repository, read without opening the store: the count of committed pattern
 * files and the last commit that touched them. Throws NOT_FOUND (with the fix) when `repo` is not
 * a folder inside a git work tree, as opening the store would.
 */
export async function summarizePatterns(options: PatternsSummaryOptions): Promise<PatternsSummary> {
  const requested = path.resolve(options.repo);
  if (!(await isDirectory(requested))) {
    throw new MemoryError('NOT_FOUND', `repository folder ${requested} does not exist (pass init: true)`, {
      details: { repo: requested },
    });
  }
  try {
    const top = await git(requested, ['rev-parse', '--show-toplevel'], [128]);
    if (top.code !== 0 || top.stdout.trim() === '') {
      throw new MemoryError('NOT_FOUND', `${requested} is not inside a git work tree (pass init: true)`, {
        details: { repo: requested },
      });
    }
    const root = await realpath(top.stdout.trim());
    const paths = PatternPaths.create(root, options.dir ?? '.agent-memory/patterns');
    const pathspec = paths.relDir === '' ? '.' : paths.relDir;
    const format = ['%H', '%an', '%aI', '%s'].join('%x1f');
    // An unborn HEAD (no commit yet) makes both exit 128: no patterns, no last commit.
    const [log, tree] = await Promise.all([
      git(root, ['log', '-1', `--format=${format}`, '--', pathspec], [128]),
      git(root, ['ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', pathspec], [128]),
    ]);
    const count =
      tree.code === 0 ? tree.stdout.split('\0').filter((rel) => rel && paths.parseRel(rel)).length : 0;
    const [commit = '', author = '', date = '', message = ''] = log.stdout.replace(/\n$/, '').split(FIELD);
    const lastCommit = log.code === 0 && commit !== '' ? { commit, author, date, message } : null;
    return { root, dir: paths.absDir, count, lastCommit };
  } catch (error) {
    throw toMemoryError(error, 'BACKEND_UNAVAILABLE', `cannot read the pattern repository ${requested}`);
  }
}

function git(cwd: string, args: string[], okExitCodes: number[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code === 0 || okExitCodes.includes(code)) {
        resolve({ code, stdout });
        return;
      }
      const reason = error?.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : stderr.trim();
      reject(new MemoryError('BACKEND_UNAVAILABLE', `git ${args[0]} failed in ${cwd}: ${reason}`));
    });
  });
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}
