import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const input = { kind: 'bug-fix', title: 'Escape attempt', author: 'agent-a' } as const;
const TRAVERSAL_IDS = [
  '../escape',
  '../../etc/passwd',
  '/etc/passwd',
  'a/b',
  'a\\b',
  '..',
  '.hidden',
  'C:\\windows',
  'x\0y',
  '%2e%2e%2fescape',
];

describe('paths never escape the patterns directory', () => {
  it.each(TRAVERSAL_IDS)('refuses the id %j everywhere with INVALID_INPUT', async (id) => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    await expect(store.save({ ...input, id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.get(id)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.remove(id)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.history(id)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.at(id, 'HEAD')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.save({ ...input, supersedes: [id] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(existsSync(path.join(repo, '.agent-memory'))).toBe(false);
    await store.close();
  });

  it.each(['../outside', '/tmp', '.git', '.git/patterns', 'a/../../outside'])(
    'refuses a patterns dir %j outside the work tree or inside .git (FORBIDDEN)',
    async (dir) => {
      const repo = makeProjectRepo(dirs);
      await expect(createGitPatternStore({ repo, dir })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    },
  );

  it('accepts an absolute patterns dir inside the repository and the repository root itself', async () => {
    const repo = makeProjectRepo(dirs);
    const inside = await createGitPatternStore({ repo, dir: path.join(repo, 'knowledge') });
    const saved = await inside.save(input);
    expect(existsSync(path.join(repo, 'knowledge/bug-fix', `${saved.id}.md`))).toBe(true);
    await inside.close();
    const atRoot = await createGitPatternStore({ repo, dir: '.' });
    expect((await atRoot.list()).map((p) => p.id)).toEqual([]);
    await atRoot.close();
  });

  it('refuses to write through a symlinked folder pointing outside the repository', async () => {
    const repo = makeProjectRepo(dirs);
    const outside = dirs.make('outside');
    symlinkSync(outside, path.join(repo, '.agent-memory'));
    const store = await createGitPatternStore({ repo });
    await expect(store.save(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(readdirSync(outside)).toEqual([]);
    await store.close();
  });

  it('refuses a symlinked kind folder, for writes and for reads', async () => {
    const repo = makeProjectRepo(dirs);
    const outside = dirs.make('outside');
    writeFileSync(path.join(outside, 'leak.md'), 'secret outside the repo');
    mkdirSync(path.join(repo, '.agent-memory/patterns'), { recursive: true });
    symlinkSync(outside, path.join(repo, '.agent-memory/patterns/bug-fix'));
    const store = await createGitPatternStore({ repo });
    await expect(store.save(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(store.get('leak')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(readdirSync(outside)).toEqual(['leak.md']);
    await store.close();
  });

  it('refuses a pattern file that is a symlink, and never writes through it', async () => {
    const repo = makeProjectRepo(dirs);
    const outside = path.join(dirs.make('outside'), 'target.txt');
    writeFileSync(outside, 'do not touch');
    const folder = path.join(repo, '.agent-memory/patterns/bug-fix');
    mkdirSync(folder, { recursive: true });
    symlinkSync(outside, path.join(folder, 'linked.md'));
    const store = await createGitPatternStore({ repo });
    await expect(store.get('linked')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(store.save({ ...input, id: 'linked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(store.remove('linked')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(readFileSync(outside, 'utf8')).toBe('do not touch');
    await store.close();
  });
});
