import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitRunner } from '../src/git-runner.js';
import { PendingWrites } from '../src/pending-writes.js';
import { git } from './temp-repo.js';

/** The folder where the store keeps its journals and commit scratch files. */
export const scratchDir = (repo: string) => path.join(repo, '.git/agent-memory');

/**
 * What a save killed after `git add` and before `git commit` leaves: its journal (written by the
 * real PendingWrites, as the writer does first), the file written, and the file staged.
 */
export async function crashAfterAdd(repo: string, rel: string, content: string, existed: boolean) {
  const pending = new PendingWrites(new GitRunner(repo), repo, scratchDir(repo));
  await pending.begin([{ rel, existed, content }]);
  mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  writeFileSync(path.join(repo, rel), content);
  git(repo, 'add', '--force', '--', rel);
}
