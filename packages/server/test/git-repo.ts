import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway git repository for the pattern store; remove() deletes it. */
export async function tempGitRepo(
  label: string,
): Promise<{ dir: string; git(...args: string[]): string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `am-server-${label}-`));
  execFileSync('git', ['init', '--quiet', dir]);
  return {
    dir,
    git: (...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
