import type { PatternInput } from '@agent-memory/core';
import { afterAll, describe, expect, it } from 'vitest';
import { git, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

let tick = Date.parse('2025-12-01T10:00:00.000Z');
const clock = () => {
  tick += 60_000;
  return new Date(tick);
};
const input = (title: string, extra: Partial<PatternInput> = {}): PatternInput => ({
  id: 'retry-policy',
  kind: 'tech-debt',
  title,
  author: 'agent-a',
  ...extra,
});

describe('history, at and diff', () => {
  it('follows a pattern through edits and a kind change, newest first, with agent and session', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, clock });
    const v1 = await store.save(input('Retries are ad hoc'), { agentId: 'agent-a', sessionId: 's-1' });
    const v2 = await store.save(input('Retries are ad hoc', { body: 'Three call sites.' }), {
      agentId: 'agent-b',
    });
    const v3 = await store.save(
      input('Retry with backoff', { kind: 'architecture-decision', confidence: 0.9 }),
    );
    await store.save(input('Unrelated', { id: 'other' }));

    const history = await store.history('retry-policy');
    expect(history).toHaveLength(3);
    expect(history.map((v) => v.message)).toEqual([
      'memory: update architecture-decision "Retry with backoff"',
      'memory: update tech-debt "Retries are ad hoc"',
      'memory: add tech-debt "Retries are ad hoc"',
    ]);
    expect(history[2]).toMatchObject({ agentId: 'agent-a', sessionId: 's-1' });
    expect(history[1]).toMatchObject({ agentId: 'agent-b' });
    expect(history[1]?.sessionId).toBeUndefined();
    for (const version of history) {
      expect(version.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(Number.isNaN(Date.parse(version.date))).toBe(false);
    }
    // The kind change moved the file in one commit.
    const moved = git(repo, 'show', '--name-status', '--no-renames', '--format=', history[0]!.commit)
      .trim()
      .split('\n')
      .sort();
    expect(moved).toEqual([
      'A\t.agent-memory/patterns/architecture-decision/retry-policy.md',
      'D\t.agent-memory/patterns/tech-debt/retry-policy.md',
    ]);

    expect(await store.at('retry-policy', history[2]!.commit)).toEqual(v1);
    expect(await store.at('retry-policy', history[1]!.commit)).toEqual(v2);
    expect(await store.at('retry-policy', 'HEAD')).toEqual(v3);
    expect(await store.at('retry-policy', 'HEAD~4')).toBeNull();
    expect(await store.at('other', history[0]!.commit)).toBeNull();

    const diff = await store.diff('retry-policy', history[2]!.commit);
    expect(diff.to).toBe(git(repo, 'rev-parse', 'HEAD').trim());
    expect(diff.before).toEqual(v1);
    expect(diff.after).toEqual(v3);
    expect(diff.changes.map((c) => c.field)).toEqual(['kind', 'title', 'confidence', 'updated']);
    expect(diff.changes[1]).toEqual({
      field: 'title',
      before: 'Retries are ad hoc',
      after: 'Retry with backoff',
    });
    expect(diff.patch).toContain('+title: Retry with backoff');

    const bodyOnly = await store.diff('retry-policy', history[2]!.commit, history[1]!.commit);
    expect(bodyOnly.changes.map((c) => c.field)).toEqual(['body', 'updated']);
    await store.close();
  });

  it('keeps the history of a removed pattern; at() before the removal still reads it', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, clock });
    const saved = await store.save(input('Short lived'));
    await store.remove('retry-policy');
    const history = await store.history('retry-policy');
    expect(history).toHaveLength(1);
    expect(await store.at('retry-policy', 'HEAD~1')).toEqual(saved);
    expect(await store.at('retry-policy', 'HEAD')).toBeNull();
    await store.close();
  });

  it('rejects unknown revisions with NOT_FOUND and option-like or range revisions with INVALID_INPUT', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, clock });
    await store.save(input('Some pattern'));
    await expect(store.at('retry-policy', 'f'.repeat(40))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.at('retry-policy', 'no-such-branch')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const bad of ['--output=/tmp/x', '-p', 'HEAD..HEAD~1', 'a b', '', 'HEAD:secret']) {
      await expect(store.at('retry-policy', bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(store.diff('retry-policy', bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(store.at('../etc/passwd', 'HEAD')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.diff('never-existed', 'HEAD')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.close();
  });

  it('has an empty history in a repository without commits', async () => {
    const store = await createGitPatternStore({ repo: dirs.make('empty'), init: true });
    expect(await store.history('anything')).toEqual([]);
    expect(await store.list()).toEqual([]);
    await store.close();
  });
});

describe('lastCommit', () => {
  it('is null before the first save, then the newest commit that touched the patterns folder', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, clock });
    expect(await store.lastCommit()).toBeNull();
    await store.save(input('First'), { agentId: 'agent-a', sessionId: 's-9' });
    await store.save(input('Second', { id: 'second' }), { agentId: 'agent-b' });
    git(repo, 'commit', '--allow-empty', '-m', 'user work elsewhere');
    const last = await store.lastCommit();
    expect(last).toMatchObject({ message: 'memory: add tech-debt "Second"', agentId: 'agent-b' });
    expect(last?.commit).toMatch(/^[0-9a-f]{40}$/);
    await store.close();
  });
});
