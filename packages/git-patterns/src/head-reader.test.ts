import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { GitRunner } from './git-runner.js';
import { HeadReader } from './head-reader.js';
import { openRepository } from './repository.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/** A HeadReader over `repo` that counts the git processes it starts. */
async function reader(repo: string): Promise<{ head: HeadReader; spawns: () => number }> {
  const opened = await openRepository({ repo, init: false });
  const runner = new GitRunner(opened.root);
  let spawns = 0;
  const run = runner.run.bind(runner);
  runner.run = (args, options) => {
    spawns++;
    return run(args, options);
  };
  return { head: new HeadReader(runner, opened.worktreeGitDir, opened.gitDir), spawns: () => spawns };
}

const revParse = (repo: string) => git(repo, 'rev-parse', 'HEAD').trim();

describe('reading HEAD', () => {
  it('answers from the ref files, without git, and sees commits made by other processes', async () => {
    const repo = makeProjectRepo(dirs);
    const { head, spawns } = await reader(repo);
    expect(await head.read()).toBe(revParse(repo));
    git(repo, 'commit', '--quiet', '--allow-empty', '-m', 'another process');
    expect(await head.read()).toBe(revParse(repo));
    git(repo, 'checkout', '--quiet', '--detach', 'HEAD~1');
    expect(await head.read()).toBe(revParse(repo));
    expect(spawns()).toBe(0);
  });

  it('asks git when the branch is only in packed-refs, and when HEAD is unborn', async () => {
    const repo = makeProjectRepo(dirs);
    const { head, spawns } = await reader(repo);
    git(repo, 'pack-refs', '--all', '--prune');
    expect(await head.read()).toBe(revParse(repo));
    expect(spawns()).toBe(1);
    git(repo, 'checkout', '--quiet', '--orphan', 'empty');
    expect(await head.read()).toBeNull();
  });

  it('does not trust a ref file that holds something other than an object id', async () => {
    const repo = makeProjectRepo(dirs);
    const { head, spawns } = await reader(repo);
    const id = revParse(repo);
    // A symbolic branch (ref: …) is legal git; only git resolves it.
    git(repo, 'symbolic-ref', 'refs/heads/alias', 'refs/heads/main');
    git(repo, 'symbolic-ref', 'HEAD', 'refs/heads/alias');
    expect(await head.read()).toBe(id);
    expect(spawns()).toBe(1);
  });

  it('reads the HEAD of a linked worktree, not the main one', async () => {
    const repo = makeProjectRepo(dirs);
    const linked = path.join(dirs.make('linked'), 'tree');
    git(repo, 'worktree', 'add', '--quiet', '-b', 'side', linked);
    writeFileSync(path.join(linked, 'note.txt'), 'side work\n');
    git(linked, 'add', 'note.txt');
    git(linked, 'commit', '--quiet', '-m', 'side commit');
    const { head, spawns } = await reader(linked);
    expect(await head.read()).toBe(revParse(linked));
    expect(revParse(linked)).not.toBe(revParse(repo));
    expect(spawns()).toBe(0);
  });
});
