import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_SAMPLES } from '../test/fixtures/secret-samples.js';
import { git, gitWithEnv, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore, type GitPatternStore } from './git-pattern-store.js';

const dirs = new TempDirs();
let repo: string;
let store: GitPatternStore;
const awsKey = SECRET_SAMPLES.find((s) => s.kind === 'aws-access-key-id')!.secret;

let clock = Date.parse('2025-11-01T12:00:00Z');

/** One commit touching `files`, dated `date` (author and committer; an hour after the previous one by default). */
function commit(message: string, files: string[], date?: string): string {
  clock += 3600_000;
  const when = date ?? new Date(clock).toISOString();
  for (const file of files) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), `${message}\n${Math.random()}\n`);
  }
  git(repo, 'add', '--', ...files);
  gitWithEnv(repo, { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when }, 'commit', '--quiet', '-m', message);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

beforeAll(async () => {
  repo = makeProjectRepo(dirs);
  commit('feat: add connection pool', ['src/db/pool.ts'], '2025-01-01T12:00:00Z');
  commit('fix(db): release clients on error paths\n\nClients leaked when a query threw.\n\nFixes #42', [
    'src/db/pool.ts',
    'test/db/pool.test.ts',
  ]);
  commit('Fix crash when the config file is empty', ['src/config.ts']);
  commit('Handle an empty Accept header (closes #7)', ['src/http/accept.ts']);
  commit('Update the docs', ['docs/guide.md']);
  commit('Work around a bug in the YAML parser', ['src/yaml.ts']);
  commit(`fix: stop logging the key ${awsKey}`, ['src/log.ts']);
  commit('fix: typo in a pattern', ['.agent-memory/patterns/bug-fix/hand.md']);
  git(repo, 'checkout', '--quiet', '-b', 'topic');
  commit('fix: topic branch fix', ['src/topic.ts']);
  git(repo, 'checkout', '--quiet', 'main');
  git(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge branch topic: fix things', 'topic');
  store = await createGitPatternStore({ repo });
  await store.save({ kind: 'bug-fix', title: 'Saved by the store', author: 'agent-a' });
});
afterAll(async () => {
  await store.close();
  dirs.cleanup();
});

describe('extract bug-fix candidates from history', () => {
  it('proposes fixes with title, summary, files and reason, newest first, and saves nothing', async () => {
    const before = git(repo, 'rev-parse', 'HEAD');
    const candidates = await store.extract();
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(before);
    expect(candidates.map((c) => [c.input.title, c.reason])).toEqual([
      ['Topic branch fix', 'conventional-fix'],
      ['Stop logging the key [REDACTED:aws-access-key-id]', 'conventional-fix'],
      ['Work around a bug in the YAML parser', 'bug-keyword'],
      ['Handle an empty Accept header (closes #7)', 'issue-reference'],
      ['Crash when the config file is empty', 'fix-keyword'],
      ['Release clients on error paths', 'conventional-fix'],
    ]);
    const pool = candidates.find((c) => c.input.title === 'Release clients on error paths')!;
    expect(pool.input).toMatchObject({
      kind: 'bug-fix',
      summary: 'Clients leaked when a query threw.',
      files: ['src/db/pool.ts', 'test/db/pool.test.ts'],
      tags: ['extracted', 'db', 'issue-42'],
      links: [`commit:${pool.commit}`],
      author: 'git-history',
    });
    expect(pool.input.body).toContain('Fixes #42');
    expect(JSON.stringify(candidates)).not.toContain(awsKey);
  });

  it('skips commits a saved pattern already links to, so accepted candidates are not proposed again', async () => {
    const [first] = await store.extract({ limit: 1 });
    await store.save(first!.input);
    const again = await store.extract();
    expect(again.map((c) => c.commit)).not.toContain(first!.commit);
    expect(again).toHaveLength(5);
  });

  it('honours since, maxCommits, limit and author', async () => {
    const recent = await store.extract({ since: '2025-06-01T00:00:00.000Z', author: 'validator' });
    expect(recent.every((c) => c.input.author === 'validator')).toBe(true);
    expect(await store.extract({ since: '2030-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await store.extract({ limit: 2 })).toHaveLength(2);
    expect(await store.extract({ maxCommits: 1 })).toEqual([]);
    await expect(store.extract({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.extract({ author: 'has space' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
