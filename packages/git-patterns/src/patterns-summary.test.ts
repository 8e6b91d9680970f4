import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';
import { summarizePatterns } from './patterns-summary.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

describe('summarizePatterns', () => {
  it('counts the pattern files committed at HEAD and names the last commit that touched them', async () => {
    const repo = makeProjectRepo(dirs);
    const empty = await summarizePatterns({ repo });
    expect(empty).toMatchObject({ count: 0, lastCommit: null });
    expect(empty.dir).toBe(path.join(empty.root, '.agent-memory', 'patterns'));

    const store = await createGitPatternStore({ repo });
    await store.save({ kind: 'bug-fix', title: 'Trim before comparing', body: 'trim first', author: 'ana' });
    await store.save({
      kind: 'team-decision',
      title: 'Use Redis streams',
      body: 'for the audit log',
      author: 'ana',
    });
    await store.close();
    // Neither a file outside <dir>/<kind>/<id>.md nor an uncommitted one is a pattern.
    writeFileSync(path.join(empty.dir, 'notes.md'), 'not a pattern\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'notes');
    writeFileSync(path.join(empty.dir, 'bug-fix', 'uncommitted.md'), 'draft\n');
    git(repo, 'commit', '--quiet', '--allow-empty', '-m', 'elsewhere');

    const summary = await summarizePatterns({ repo: path.join(repo, '.agent-memory') });
    expect(summary.count).toBe(2);
    expect(summary.lastCommit?.message).toBe('notes');
    expect(summary.lastCommit?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('says what is missing as NOT_FOUND, like opening the store', async () => {
    const missing = path.join(dirs.make('nothing'), 'gone');
    await expect(summarizePatterns({ repo: missing })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('does not exist'),
    });
    const plain = dirs.make('plain');
    mkdirSync(path.join(plain, 'sub'));
    await expect(summarizePatterns({ repo: path.join(plain, 'sub') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('is not inside a git work tree'),
    });
  });

  it('treats a repository with no commit yet as empty', async () => {
    const repo = dirs.make('unborn');
    git(repo, 'init', '--quiet');
    expect(await summarizePatterns({ repo })).toMatchObject({ count: 0, lastCommit: null });
  });
});
