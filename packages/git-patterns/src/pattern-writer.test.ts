import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bugFixInput as input } from '../test/bug-fix-input.js';
import { git, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';
import { serializePattern } from './pattern-file.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const fixedClock = () => new Date('2025-12-01T10:00:00.000Z');
const headSubject = (repo: string) => git(repo, 'log', '-1', '--format=%s').trim();
const commitCount = (repo: string) => Number(git(repo, 'rev-list', '--count', 'HEAD').trim());
const touchedByHead = (repo: string) =>
  git(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');

describe('saving patterns as commits', () => {
  it('writes one Markdown file per pattern and one readable commit per save, with trailers', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, clock: fixedClock });
    const saved = await store.save(input('Pool exhaustion under load', { body: 'Release in finally.' }), {
      agentId: 'agent-a',
      sessionId: 'session-1',
      message: 'Found while load testing.',
    });
    expect(saved.id).toMatch(/^[0-9a-z]{26}$/);
    expect(saved.created).toBe('2025-12-01T10:00:00.000Z');
    const file = path.join(repo, '.agent-memory/patterns/bug-fix', `${saved.id}.md`);
    expect(readFileSync(file, 'utf8')).toBe(serializePattern(saved));
    expect(headSubject(repo)).toBe('memory: add bug-fix "Pool exhaustion under load"');
    const body = git(repo, 'log', '-1', '--format=%B');
    expect(body).toContain('Found while load testing.');
    expect(git(repo, 'log', '-1', '--format=%(trailers:key=Agent-Id,valueonly)').trim()).toBe('agent-a');
    expect(git(repo, 'log', '-1', '--format=%(trailers:key=Session-Id,valueonly)').trim()).toBe('session-1');
    expect(git(repo, 'log', '-1', '--format=%(trailers:key=Pattern-Id,valueonly)').trim()).toBe(saved.id);

    await store.save({ ...saved, title: 'Pool exhaustion under heavy load' });
    expect(headSubject(repo)).toBe('memory: update bug-fix "Pool exhaustion under heavy load"');
    await store.remove(saved.id, { agentId: 'agent-b' });
    expect(headSubject(repo)).toBe('memory: remove bug-fix "Pool exhaustion under heavy load"');
    expect(existsSync(file)).toBe(false);
    expect(commitCount(repo)).toBe(4);
    await store.close();
  });

  it('saveMany makes exactly one commit for the batch', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    const before = commitCount(repo);
    const saved = await store.saveMany([input('One'), input('Two', { kind: 'convention' }), input('Three')]);
    expect(commitCount(repo)).toBe(before + 1);
    expect(headSubject(repo)).toBe('memory: save 3 patterns (3 added)');
    expect(touchedByHead(repo).sort()).toEqual(
      saved.map((p) => `.agent-memory/patterns/${p.kind}/${p.id}.md`).sort(),
    );
    await store.close();
  });

  it('commits only its own files and leaves the user’s modified, staged and untracked files alone', async () => {
    const repo = makeProjectRepo(dirs);
    writeFileSync(path.join(repo, 'app.ts'), 'export const a = 1;\n');
    git(repo, 'add', 'app.ts');
    git(repo, 'commit', '--quiet', '-m', 'app');
    writeFileSync(path.join(repo, 'app.ts'), 'export const a = 2; // work in progress\n');
    writeFileSync(path.join(repo, 'staged.ts'), 'export const staged = true;\n');
    git(repo, 'add', 'staged.ts');
    writeFileSync(path.join(repo, 'notes.txt'), 'scratch\n');
    const statusBefore = git(repo, 'status', '--porcelain');

    const store = await createGitPatternStore({ repo });
    const saved = await store.save(input('Leave user files alone'));
    expect(touchedByHead(repo)).toEqual([`.agent-memory/patterns/bug-fix/${saved.id}.md`]);
    expect(git(repo, 'status', '--porcelain')).toBe(statusBefore);
    expect(readFileSync(path.join(repo, 'app.ts'), 'utf8')).toContain('work in progress');
    expect(git(repo, 'diff', '--cached', '--name-only').trim()).toBe('staged.ts');
    await store.close();
  });

  it('refuses to overwrite or remove a pattern file with uncommitted edits (CONFLICT) and keeps the edit', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    const saved = await store.save(input('Hand edited later', { id: 'hand-edited' }));
    const file = path.join(repo, '.agent-memory/patterns/bug-fix/hand-edited.md');
    const edited = `${readFileSync(file, 'utf8')}\nA human added this line.\n`;
    writeFileSync(file, edited);
    const count = commitCount(repo);
    await expect(store.save({ ...saved, title: 'Agent update' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(store.remove('hand-edited')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(commitCount(repo)).toBe(count);

    const untracked = path.join(repo, '.agent-memory/patterns/convention/not-mine.md');
    mkdirSync(path.dirname(untracked), { recursive: true });
    writeFileSync(untracked, serializePattern({ ...saved, id: 'not-mine', kind: 'convention' }));
    await expect(
      store.save(input('Mine now?', { id: 'not-mine', kind: 'convention' })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toContain(
      '?? .agent-memory/patterns/convention/not-mine.md',
    );
    await store.close();
  });

  it('does not commit when a save changes nothing', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, clock: fixedClock });
    const saved = await store.save(input('Stable', { id: 'stable' }));
    const count = commitCount(repo);
    expect(await store.save(input('Stable', { id: 'stable' }))).toEqual(saved);
    expect(commitCount(repo)).toBe(count);
    await store.close();
  });

  it('makes readable slug ids when asked, still unique and valid', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, idStyle: 'slug' });
    const [a, b] = await store.saveMany([
      input('Connection Pool: exhaustion!'),
      input('Connection Pool: exhaustion!'),
    ]);
    expect(a?.id).toMatch(/^connection-pool-exhaustion-[0-9a-z]{26}$/);
    expect(a?.id).not.toBe(b?.id);
    await store.close();
  });
});

describe('write serialisation', () => {
  it('recovers a stale lock left by a crashed process', async () => {
    const repo = makeProjectRepo(dirs);
    const lockDir = path.join(repo, '.git/agent-memory.lock');
    mkdirSync(lockDir);
    const anHourAgo = new Date(Date.now() - 3600_000);
    utimesSync(lockDir, anHourAgo, anHourAgo);
    const store = await createGitPatternStore({ repo });
    await store.save(input('After a crash'));
    expect(headSubject(repo)).toBe('memory: add bug-fix "After a crash"');
    await store.close();
  });

  it('waits for a live lock and gives up with BACKEND_UNAVAILABLE after lockTimeoutMs', async () => {
    const repo = makeProjectRepo(dirs);
    mkdirSync(path.join(repo, '.git/agent-memory.lock'));
    const store = await createGitPatternStore({ repo, lockTimeoutMs: 200 });
    await expect(store.save(input('Blocked'))).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(commitCount(repo)).toBe(1);
    await store.close();
  });

  it('retries while another git process holds index.lock', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    const indexLock = path.join(repo, '.git/index.lock');
    writeFileSync(indexLock, '');
    const saving = store.save(input('Behind index.lock'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(commitCount(repo)).toBe(1);
    rmSync(indexLock);
    await saving;
    expect(headSubject(repo)).toBe('memory: add bug-fix "Behind index.lock"');
    await store.close();
  });

  it('serialises parallel saves from two stores in one process: nothing lost, one file per commit', async () => {
    const repo = makeProjectRepo(dirs);
    const [one, two] = await Promise.all([createGitPatternStore({ repo }), createGitPatternStore({ repo })]);
    const saves = Array.from({ length: 12 }, (_, i) =>
      (i % 2 === 0 ? one : two).save(input(`Parallel ${i}`)),
    );
    const saved = await Promise.all(saves);
    expect(commitCount(repo)).toBe(13);
    const all = await one.list({ limit: 100 });
    expect(all.map((p) => p.id).sort()).toEqual(saved.map((p) => p.id).sort());
    const perCommit = git(repo, 'log', '--format=%x1e', '--name-only', '-n', '12')
      .split('\x1e')
      .filter((c) => c.trim());
    for (const commit of perCommit) expect(commit.trim().split('\n')).toHaveLength(1);
    await Promise.all([one.close(), two.close()]);
  });
});

describe("recovery from git's own index.lock", () => {
  it('removes an index.lock left by a killed git older than lockStaleMs, and keeps a fresh one', async () => {
    const repo = makeProjectRepo(dirs);
    const lock = path.join(repo, '.git', 'index.lock');
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const store = await createGitPatternStore({ repo, lockStaleMs: 2000, lockTimeoutMs: 5000 });
    const saved = await store.save({ kind: 'bug-fix', title: 'After a crash', author: 'agent-a' });
    expect(await store.get(saved.id)).toMatchObject({ title: 'After a crash' });
    expect(existsSync(lock)).toBe(false);

    // A fresh index.lock may belong to a user's git command that is running right now: left alone.
    writeFileSync(lock, '');
    await expect(store.save({ kind: 'bug-fix', title: 'Blocked', author: 'agent-a' })).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
    });
    expect(existsSync(lock)).toBe(true);
    rmSync(lock);
    await store.close();
  }, 30_000);
});
