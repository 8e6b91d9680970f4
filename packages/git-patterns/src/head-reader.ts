import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GitRunner } from './git-runner.js';

// A full object id, SHA-1 or SHA-256: anything shorter or longer in a ref file is not for us to interpret.
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const BRANCH_REF = /^ref: (refs\/heads\/[^\s]+)$/;

/**
 * The commit HEAD points at. The store asks before every read, so the common case — HEAD names a
 * branch whose loose ref file holds an id, or HEAD is detached — is answered from those files (two
 * small reads) instead of a `git rev-parse` process, which was most of a search over a few hundred
 * patterns. Git replaces ref files by rename, so a read sees the old id or the new one, as a spawned
 * git would. Anything else (packed or reftable refs, an unborn branch, an odd ref name) goes to git.
 */
export class HeadReader {
  constructor(
    private readonly git: GitRunner,
    /** The work tree's own git directory: HEAD lives there (linked worktrees have their own). */
    private readonly gitDir: string,
    /** The common git directory: branches live there. */
    private readonly commonDir: string,
  ) {}

  async read(): Promise<string | null> {
    return (await this.fromRefFiles()) ?? (await this.fromGit());
  }

  private async fromRefFiles(): Promise<string | null> {
    const head = await readTrimmed(path.join(this.gitDir, 'HEAD'));
    if (head === null) return null;
    if (OBJECT_ID.test(head)) return head;
    const ref = BRANCH_REF.exec(head)?.[1];
    // Git refuses `..` in ref names; refusing it here keeps the read inside the git directory.
    if (ref === undefined || ref.split('/').includes('..')) return null;
    const id = await readTrimmed(path.join(this.commonDir, ref));
    return id !== null && OBJECT_ID.test(id) ? id : null;
  }

  private async fromGit(): Promise<string | null> {
    const result = await this.git.run(['rev-parse', '--verify', '--quiet', 'HEAD'], {
      okExitCodes: [1, 128],
    });
    const head = result.stdout.trim();
    return result.exitCode === 0 && head ? head : null;
  }
}

/** Any failure (missing file, a folder where a file was expected under reftable) means "ask git". */
async function readTrimmed(file: string): Promise<string | null> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return null;
  }
}
