import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';
import { FALLBACK_IDENTITY } from './repository.js';

const dirs = new TempDirs();
const saved = { ...process.env };

// This file runs in its own worker: hiding the machine's git identity here affects no other test file.
beforeAll(() => {
  const home = dirs.make('home');
  const emptyConfig = path.join(home, 'empty.gitconfig');
  writeFileSync(emptyConfig, '');
  Object.assign(process.env, {
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_GLOBAL: emptyConfig,
    GIT_CONFIG_NOSYSTEM: '1',
  });
  for (const name of [
    'GIT_AUTHOR_NAME',
    'GIT_AUTHOR_EMAIL',
    'GIT_COMMITTER_NAME',
    'GIT_COMMITTER_EMAIL',
    'EMAIL',
  ]) {
    delete process.env[name];
  }
});
afterAll(() => {
  process.env = saved;
  dirs.cleanup();
});

const author = (repo: string) => git(repo, 'log', '-1', '--format=%an <%ae>|%cn <%ce>').trim();

describe('opening a repository', () => {
  it('commits on a machine with no git identity, under a neutral fallback identity', async () => {
    const repo = dirs.make('no-identity');
    // Precondition: git itself knows no identity here.
    expect(() =>
      execFileSync('git', ['config', '--get', 'user.email'], { cwd: repo, stdio: 'ignore' }),
    ).toThrow();
    const store = await createGitPatternStore({ repo, init: true });
    await store.save({ kind: 'convention', title: 'Works without identity', author: 'agent-a' });
    const fallback = `${FALLBACK_IDENTITY.name} <${FALLBACK_IDENTITY.email}>`;
    expect(author(repo)).toBe(`${fallback}|${fallback}`);
    await store.close();
  });

  it('uses the author option for commits when given', async () => {
    const repo = dirs.make('author');
    const store = await createGitPatternStore({
      repo,
      init: true,
      author: { name: 'Memory Bot', email: 'bot@agents.dev' },
    });
    await store.save({ kind: 'convention', title: 'Authored', author: 'agent-a' });
    expect(author(repo)).toBe('Memory Bot <bot@agents.dev>|Memory Bot <bot@agents.dev>');
    await store.close();
  });

  it('uses the repository that contains the given folder; init only creates one when there is none', async () => {
    const repo = dirs.make('nested');
    git(repo, 'init', '--quiet', '--initial-branch=main');
    mkdirSync(path.join(repo, 'packages/app'), { recursive: true });
    const store = await createGitPatternStore({ repo: path.join(repo, 'packages/app'), init: true });
    expect(store.root).toBe(git(repo, 'rev-parse', '--show-toplevel').trim());
    expect(store.dir).toBe(path.join(store.root, '.agent-memory/patterns'));
    await store.close();
  });

  it('refuses a folder outside any repository unless init is set (NOT_FOUND)', async () => {
    const plain = dirs.make('plain');
    await expect(createGitPatternStore({ repo: plain })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createGitPatternStore({ repo: path.join(plain, 'missing') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('validates its options (INVALID_INPUT)', async () => {
    const repo = dirs.make('options');
    for (const bad of [
      {},
      { repo: '' },
      { repo, secrets: 'ignore' },
      { repo, remote: '--upload-pack=evil' },
      { repo, branch: 'a..b' },
      { repo, author: { name: 'x\ny', email: 'a@b' } },
      { repo, clock: 'now' },
      { repo, unknown: 1 },
    ]) {
      await expect(createGitPatternStore(bad as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('fails every call with CLOSED after close()', async () => {
    const repo = dirs.make('closed');
    const store = await createGitPatternStore({ repo, init: true });
    await store.close();
    await expect(store.list()).rejects.toMatchObject({ code: 'CLOSED' });
    await expect(store.save({ kind: 'convention', title: 'Late', author: 'a' })).rejects.toMatchObject({
      code: 'CLOSED',
    });
  });
});
