import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MemoryError } from '@agent-memory/core';
import { type GitIdentity, GitRunner } from './git-runner.js';

/** Used only when neither the options nor git's own config name anyone. */
export const FALLBACK_IDENTITY: GitIdentity = { name: 'agent-memory', email: 'agent-memory@localhost' };

export interface OpenedRepository {
  /** Real path of the work tree's top level; git runs here and pathspecs are relative to it. */
  root: string;
  /** Absolute path of the (common) git directory: the lock and the index cache live there. */
  gitDir: string;
  /** Absolute path of this work tree's own git directory (where its HEAD is); gitDir unless a linked worktree. */
  worktreeGitDir: string;
  git: GitRunner;
}

export interface OpenRepositoryOptions {
  repo: string;
  init: boolean;
  author?: GitIdentity;
}

/**
 * Finds the work tree containing `repo` (a subfolder of a project works), or creates a repository
 * there when `init` is set. A path already inside a work tree is used as is, never re-initialised.
 */
export async function openRepository(options: OpenRepositoryOptions): Promise<OpenedRepository> {
  const requested = path.resolve(options.repo);
  if (!(await isDirectory(requested))) {
    if (!options.init) {
      throw new MemoryError('NOT_FOUND', `repository folder ${requested} does not exist (pass init: true)`, {
        details: { repo: requested },
      });
    }
    await mkdir(requested, { recursive: true });
  }
  const probe = new GitRunner(requested);
  let top = await showToplevel(probe);
  if (top === null) {
    if (!options.init) {
      throw new MemoryError('NOT_FOUND', `${requested} is not inside a git work tree (pass init: true)`, {
        details: { repo: requested },
      });
    }
    await probe.run(['init', '--quiet', '--initial-branch=main']);
    top = await showToplevel(probe);
    if (top === null) throw new MemoryError('BACKEND_UNAVAILABLE', `git init did not create a work tree`);
  }
  const root = await realpath(top);
  const bare = new GitRunner(root);
  const [ownDir, commonDir] = (await bare.text(['rev-parse', '--git-dir', '--git-common-dir'])).split('\n');
  if (!ownDir || !commonDir)
    throw new MemoryError('BACKEND_UNAVAILABLE', `git rev-parse did not name the git directory`);
  const gitDir = path.resolve(root, commonDir);
  const worktreeGitDir = path.resolve(root, ownDir);
  const identity = options.author ?? (await configuredIdentity(bare)) ?? FALLBACK_IDENTITY;
  // Passing the identity explicitly even when configured keeps one code path for every machine.
  return { root, gitDir, worktreeGitDir, git: new GitRunner(root, identity) };
}

async function showToplevel(git: GitRunner): Promise<string | null> {
  const result = await git.run(['rev-parse', '--show-toplevel'], { okExitCodes: [128] });
  const top = result.stdout.trim();
  return result.exitCode === 0 && top ? top : null;
}

async function configuredIdentity(git: GitRunner): Promise<GitIdentity | null> {
  const name = (await git.run(['config', 'user.name'], { okExitCodes: [1] })).stdout.trim();
  const email = (await git.run(['config', 'user.email'], { okExitCodes: [1] })).stdout.trim();
  return name && email ? { name, email } : null;
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}
