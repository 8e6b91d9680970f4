import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bugFixInput as input } from '../test/bug-fix-input.js';
import { crashAfterAdd } from '../test/crashed-save.js';
import { git, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore, type GitPatternStore } from './git-pattern-store.js';
import { serializePattern } from './pattern-file.js';
import { CONFLICT_TAG } from './sync.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/** A bare remote with one commit, and two clones of it, each with a store: two machines. */
async function twoMachines(): Promise<{
  remote: string;
  a: GitPatternStore;
  b: GitPatternStore;
  repoA: string;
  repoB: string;
}> {
  const remote = dirs.make('remote');
  git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
  const seed = dirs.make('seed');
  git(seed, 'clone', '--quiet', remote, '.');
  writeFileSync(path.join(seed, 'README.md'), '# project\n');
  git(seed, 'add', 'README.md');
  git(seed, 'commit', '--quiet', '-m', 'initial commit');
  git(seed, 'push', '--quiet', 'origin', 'main');
  const repoA = dirs.make('machine-a');
  const repoB = dirs.make('machine-b');
  git(repoA, 'clone', '--quiet', remote, '.');
  git(repoB, 'clone', '--quiet', remote, '.');
  const [a, b] = await Promise.all([
    createGitPatternStore({ repo: repoA }),
    createGitPatternStore({ repo: repoB }),
  ]);
  return { remote, a, b, repoA, repoB };
}

const isLinear = (repo: string) => git(repo, 'rev-list', '--merges', 'HEAD').trim() === '';

describe('sync with a remote', () => {
  it('pushes one machine’s patterns and pulls them into the other, whose index catches up', async () => {
    const { a, b, repoB } = await twoMachines();
    const p = await a.save(input('Shared knowledge', { body: 'learned on machine A' }));
    expect(await a.sync()).toMatchObject({
      remote: 'origin',
      branch: 'main',
      pulled: 0,
      pushed: 1,
      conflicts: [],
    });
    expect(await b.list()).toEqual([]);
    expect(await b.sync()).toMatchObject({ pulled: 1, pushed: 0, conflicts: [] });
    expect(await b.get(p.id)).toEqual(p);
    expect((await b.search('machine')).map((h) => h.pattern.id)).toEqual([p.id]);

    const q = await b.save(input('Answer from B'));
    const r = await a.save(input('Independent work on A'));
    expect(await b.sync()).toMatchObject({ pulled: 0, pushed: 1 });
    expect(await a.sync()).toMatchObject({ pulled: 1, pushed: 1, conflicts: [] });
    expect(await b.sync()).toMatchObject({ pulled: 1, pushed: 0 });
    expect((await b.list()).map((x) => x.id).sort()).toEqual([p.id, q.id, r.id].sort());
    expect(isLinear(repoB)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('is not stopped by the staged file of a save killed before its commit: that save is undone', async () => {
    const { a, b, repoB } = await twoMachines();
    const p = await a.save(input('From A'));
    await a.sync();
    const template = await b.save(input('Template on B', { id: 'template-b' }));
    const stray = '.agent-memory/patterns/bug-fix/killed-on-b.md';
    await crashAfterAdd(repoB, stray, serializePattern({ ...template, id: 'killed-on-b' }), false);

    expect(await b.sync()).toMatchObject({ pulled: 1, pushed: 1, conflicts: [] });
    expect(await b.get(p.id)).toEqual(p);
    expect(git(repoB, 'status', '--porcelain', '--untracked-files=all').trim()).toBe('');
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps both sides of an edit to the same pattern: remote keeps the id, local edit becomes a superseding copy', async () => {
    const { a, b, repoA, repoB } = await twoMachines();
    const original = await a.save(input('Cache TTL', { id: 'cache-ttl', body: 'original' }));
    await a.sync();
    await b.sync();
    await a.save({ ...original, title: 'Cache TTL is 60 s', body: 'edited on A' });
    await a.sync();
    await b.save({ ...original, title: 'Cache TTL is 5 min', body: 'edited on B' }, { agentId: 'agent-b' });
    writeFileSync(path.join(repoB, 'README.md'), '# project\n\nuncommitted work in progress\n');

    // Another process on machine B, with another identity, runs the sync.
    const resolver = await createGitPatternStore({
      repo: repoB,
      author: { name: 'Resolver', email: 'r@b.test' },
    });
    const result = await resolver.sync();
    await resolver.close();
    expect(git(repoB, 'status', '--porcelain').trim()).toBe('M README.md');
    expect(result.pulled).toBe(1);
    expect(result.pushed).toBe(1);
    expect(result.conflicts).toHaveLength(1);
    const [conflict] = result.conflicts;
    expect(conflict).toMatchObject({
      id: 'cache-ttl',
      resolution: 'kept-both',
      file: '.agent-memory/patterns/bug-fix/cache-ttl.md',
    });
    const copyId = conflict!.localCopyId!;
    expect((await b.get('cache-ttl'))?.body).toBe('edited on A');
    const copy = await b.get(copyId);
    expect(copy).toMatchObject({
      title: 'Cache TTL is 5 min',
      body: 'edited on B',
      supersedes: ['cache-ttl'],
    });
    expect(copy?.tags).toContain(CONFLICT_TAG);
    expect(isLinear(repoB)).toBe(true);
    expect(git(repoB, 'log', '-1', '--format=%B')).toContain(`Sync-Conflict: cache-ttl kept-both ${copyId}`);
    expect(git(repoB, 'log', '-1', '--format=%B')).toContain('Agent-Id: agent-b');
    expect(git(repoB, 'log', '-1', '--format=%aI')).toBe(
      git(repoB, 'log', '-1', '--format=%aI', 'ORIG_HEAD'),
    );

    expect(await a.sync()).toMatchObject({ pulled: 1, conflicts: [] });
    expect((await a.list()).map((p) => p.id)).toEqual([copyId]);
    expect((await a.list({ includeSuperseded: true })).map((p) => p.id).sort()).toEqual(
      ['cache-ttl', copyId].sort(),
    );
    expect(git(repoA, 'rev-parse', 'HEAD')).toBe(git(repoB, 'rev-parse', 'HEAD'));
    await Promise.all([a.close(), b.close()]);
  });

  it('makes one copy when several local commits edit the same conflicting pattern', async () => {
    const { a, b } = await twoMachines();
    const original = await a.save(input('Retry budget', { id: 'retry-budget' }));
    await a.sync();
    await b.sync();
    await a.save({ ...original, body: 'A says 3' });
    await a.sync();
    await b.save({ ...original, body: 'B says 5' });
    await b.save({ ...original, body: 'B says 7' });
    const result = await b.sync();
    const copies = new Set(result.conflicts.map((c) => c.localCopyId));
    expect(copies.size).toBe(1);
    const [copyId] = [...copies];
    expect((await b.get(copyId!))?.body).toBe('B says 7');
    expect((await b.get('retry-budget'))?.body).toBe('A says 3');
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps a local edit of a pattern the remote removed', async () => {
    const { a, b } = await twoMachines();
    const original = await a.save(input('Contested', { id: 'contested' }));
    await a.sync();
    await b.sync();
    await a.remove('contested');
    await a.sync();
    await b.save({ ...original, body: 'still useful' });
    const result = await b.sync();
    expect(result.conflicts).toEqual([
      expect.objectContaining({ id: 'contested', resolution: 'kept-local', localCopyId: null }),
    ]);
    expect((await b.get('contested'))?.body).toBe('still useful');
    await Promise.all([a.close(), b.close()]);
  });

  it('stops with CONFLICT on a conflicting file the store does not own, leaving the repository as it was', async () => {
    const { a, b, repoA, repoB } = await twoMachines();
    for (const [repo, text] of [
      [repoA, '# project A\n'],
      [repoB, '# project B\n'],
    ] as const) {
      writeFileSync(path.join(repo, 'README.md'), text);
      git(repo, 'commit', '--quiet', '-am', 'user edit');
    }
    await a.sync();
    const before = git(repoB, 'rev-parse', 'HEAD');
    await expect(b.sync()).rejects.toMatchObject({ code: 'CONFLICT', details: { files: ['README.md'] } });
    expect(git(repoB, 'rev-parse', 'HEAD')).toBe(before);
    expect(existsSync(path.join(repoB, '.git/rebase-merge'))).toBe(false);
    expect(git(repoB, 'status', '--porcelain').trim()).toBe('');
    await Promise.all([a.close(), b.close()]);
  });

  it('pushes to an empty remote, and fails with NOT_FOUND for an unknown remote', async () => {
    const remote = dirs.make('empty-remote');
    git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
    const repo = dirs.make('first');
    git(repo, 'clone', '--quiet', remote, '.');
    const store = await createGitPatternStore({ repo });
    await store.save(input('First ever'));
    expect(await store.sync()).toMatchObject({ pulled: 0, pushed: 1 });
    expect(git(remote, 'rev-list', '--count', 'main').trim()).toBe('1');
    const lost = await createGitPatternStore({ repo, remote: 'upstream' });
    await expect(lost.sync()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await Promise.all([store.close(), lost.close()]);
  });
});
