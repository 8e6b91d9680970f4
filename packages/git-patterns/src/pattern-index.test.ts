import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bugFixInput as input } from '../test/bug-fix-input.js';
import { git, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';
import { GitRunner } from './git-runner.js';
import { HeadReader } from './head-reader.js';
import { IndexCacheFile } from './index-cache-file.js';
import { PatternIndex } from './pattern-index.js';
import { PatternPaths } from './pattern-paths.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/** A GitRunner that records the git subcommands it ran. */
function recordingGit(root: string): { git: GitRunner; commands: string[] } {
  const git = new GitRunner(root);
  const commands: string[] = [];
  const run = git.run.bind(git);
  git.run = (args, options) => {
    commands.push(args[0] ?? '');
    return run(args, options);
  };
  return { git, commands };
}

describe('the cached index', () => {
  it('sees saves, updates and removals made by another store (another process) on the same repository', async () => {
    const repo = makeProjectRepo(dirs);
    const reader = await createGitPatternStore({ repo });
    const writer = await createGitPatternStore({ repo });
    const kept = await writer.save(input('Kept', { id: 'kept', body: 'alpha' }));
    await writer.save(input('Doomed', { id: 'doomed' }));
    expect((await reader.list()).map((p) => p.id).sort()).toEqual(['doomed', 'kept']);

    await writer.save({ ...kept, body: 'bravo' });
    await writer.remove('doomed');
    await writer.save(input('Fresh', { id: 'fresh', kind: 'convention' }));
    expect((await reader.list()).map((p) => p.id).sort()).toEqual(['fresh', 'kept']);
    expect((await reader.search('bravo')).map((h) => h.pattern.id)).toEqual(['kept']);
    expect(await reader.search('alpha')).toEqual([]);
    await Promise.all([reader.close(), writer.close()]);
  });

  it('re-reads only the files in `git diff --name-only old new` when HEAD moves', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    await store.saveMany([input('One', { id: 'one' }), input('Two', { id: 'two' })]);
    const root = store.root;
    const paths = PatternPaths.create(root, '.agent-memory/patterns');
    const { git: recorded, commands } = recordingGit(root);
    const gitDir = path.join(root, '.git');
    const index = new PatternIndex(
      recorded,
      paths,
      new IndexCacheFile(gitDir, 'elsewhere'),
      new HeadReader(recorded, gitDir, gitDir),
    );
    await index.refresh();
    expect(commands).toContain('ls-tree');
    expect([...index.all()].map((p) => p.id).sort()).toEqual(['one', 'two']);

    commands.length = 0;
    await store.save(input('Three', { id: 'three' }));
    await index.refresh();
    // HEAD is read from the ref files: the only git process is the diff.
    expect(commands).toEqual(['diff']);
    expect([...index.all()].map((p) => p.id).sort()).toEqual(['one', 'three', 'two']);

    commands.length = 0;
    await index.refresh();
    expect(commands).toEqual([]);
    await store.close();
  });

  it('starts a new process from the snapshot in .git and catches up from there', async () => {
    const repo = makeProjectRepo(dirs);
    const first = await createGitPatternStore({ repo });
    await first.saveMany([input('One', { id: 'one' }), input('Two', { id: 'two' })]);
    await first.list();
    await first.close();
    await (await createGitPatternStore({ repo })).save(input('Three', { id: 'three' }));

    const root = git(repo, 'rev-parse', '--show-toplevel').trim();
    const { git: recorded, commands } = recordingGit(root);
    const paths = PatternPaths.create(root, '.agent-memory/patterns');
    const gitDir = path.join(root, '.git');
    const index = new PatternIndex(
      recorded,
      paths,
      new IndexCacheFile(gitDir, paths.relDir),
      new HeadReader(recorded, gitDir, gitDir),
    );
    await index.refresh();
    expect(commands).toEqual(['diff']);
    expect([...index.all()].map((p) => p.id).sort()).toEqual(['one', 'three', 'two']);
  });

  it('rebuilds from the files when the snapshot is unreadable or names an unknown commit', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    await store.save(input('One', { id: 'one' }));
    await store.list();
    await store.close();
    const cache = new IndexCacheFile(path.join(store.root, '.git'), '.agent-memory/patterns');
    for (const content of ['{not json', JSON.stringify({ version: 1, head: 'f'.repeat(40), patterns: [] })]) {
      writeFileSync(cache.file, content);
      const reopened = await createGitPatternStore({ repo });
      expect((await reopened.list()).map((p) => p.id)).toEqual(['one']);
      await reopened.close();
    }
  });

  it('skips a malformed committed file in list and search, reports it from reindex, refuses it in get', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    await store.save(input('Good', { id: 'good' }));
    const bad = path.join(repo, '.agent-memory/patterns/bug-fix/broken.md');
    mkdirSync(path.dirname(bad), { recursive: true });
    writeFileSync(bad, '---\nid: broken\ntitle: [unclosed\n---\n');
    writeFileSync(path.join(repo, '.agent-memory/patterns/bug-fix/README.txt'), 'not a pattern');
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'hand-written pattern');
    expect((await store.list()).map((p) => p.id)).toEqual(['good']);
    expect(await store.reindex()).toEqual({
      patterns: 1,
      corrupt: ['.agent-memory/patterns/bug-fix/broken.md'],
    });
    await expect(store.get('broken')).rejects.toMatchObject({ code: 'CORRUPT_DATA' });
    // A save may replace the broken file (it is committed, so nobody's uncommitted work is lost).
    await store.save(input('Fixed', { id: 'broken' }));
    expect((await store.get('broken'))?.title).toBe('Fixed');
    await store.close();
  });
});

describe('superseded patterns as the index changes', () => {
  it('hides and shows them again as superseding patterns are saved and removed', async () => {
    const store = await createGitPatternStore({ repo: makeProjectRepo(dirs) });
    await store.save(input('Old retry', { id: 'old-retry', body: 'retry forever' }));
    const ids = async () => (await store.search('retry')).map((h) => h.pattern.id).sort();
    expect(await ids()).toEqual(['old-retry']);
    await store.save(
      input('New retry', { id: 'new-retry', body: 'retry with backoff', supersedes: ['old-retry'] }),
    );
    expect(await ids()).toEqual(['new-retry']);
    expect((await store.list()).map((p) => p.id)).toEqual(['new-retry']);
    await store.remove('new-retry');
    expect(await ids()).toEqual(['old-retry']);
    expect((await store.list()).map((p) => p.id)).toEqual(['old-retry']);
    await store.close();
  });
});

describe('list filters beyond the conformance suite', () => {
  it('filters by since and by folder, orders newest first, and applies limit', async () => {
    const repo = makeProjectRepo(dirs);
    let now = Date.parse('2025-12-01T00:00:00.000Z');
    const store = await createGitPatternStore({ repo, clock: () => new Date(now) });
    await store.save(input('Old', { id: 'old', files: ['src/db/pool.ts'] }));
    now += 86_400_000;
    await store.save(input('New', { id: 'new', files: ['src/api/routes.ts'], tags: ['API'] }));
    expect((await store.list()).map((p) => p.id)).toEqual(['new', 'old']);
    expect((await store.list({ since: '2025-12-01T12:00:00.000Z' })).map((p) => p.id)).toEqual(['new']);
    expect((await store.list({ file: 'src/db' })).map((p) => p.id)).toEqual(['old']);
    expect((await store.list({ file: './src/db/pool.ts' })).map((p) => p.id)).toEqual(['old']);
    expect((await store.list({ tag: 'api' })).map((p) => p.id)).toEqual(['new']);
    expect((await store.list({ limit: 1 })).map((p) => p.id)).toEqual(['new']);
    await store.close();
  });
});
