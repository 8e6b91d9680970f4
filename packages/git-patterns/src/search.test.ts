import type { PatternInput } from '@agent-memory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_PATTERNS } from '../test/fixtures/search-patterns.js';
import { makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore, type GitPatternStore } from './git-pattern-store.js';

const dirs = new TempDirs();
let store: GitPatternStore;
const NOW = Date.parse('2025-12-01T00:00:00.000Z');

beforeAll(async () => {
  store = await createGitPatternStore({ repo: makeProjectRepo(dirs), clock: () => new Date(NOW) });
  await store.saveMany(SEARCH_PATTERNS);
});
afterAll(async () => {
  await store.close();
  dirs.cleanup();
});

const top = async (query: string, options?: Parameters<GitPatternStore['search']>[1]) =>
  (await store.search(query, options)).map((hit) => hit.pattern.id);

describe('search quality on a fixture knowledge base', () => {
  it.each([
    ['connection pool exhaustion', 'pool-exhaustion'],
    ['redis hangs on restart', 'redis-timeout'],
    ['jwt clock skew', 'jwt-skew'],
    ['session fixation', 'session-fixation'],
    ['flaky', 'flaky-tests'],
    ['exponential backoff', 'retry-adr'],
    ['charged twice', 'retry-bug'],
    ['structured logging', 'logging'],
  ])('ranks the right pattern first for %j', async (query, expected) => {
    expect((await top(query))[0]).toBe(expected);
  });

  it('tolerates typos in longer words and completes prefixes', async () => {
    expect((await top('exhuastion'))[0]).toBe('pool-exhaustion');
    expect((await top('idempotnt webhook'))[0]).toBe('retry-bug');
    expect((await top('migrat'))[0]).toBe('db-migrations');
    expect((await top('regen'))[0]).toBe('session-fixation');
  });

  it('searches tags and file paths', async () => {
    expect((await top('observability'))[0]).toBe('logging');
    expect((await top('src/auth/session.ts'))[0]).toBe('session-fixation');
    expect((await top('webhook.ts'))[0]).toBe('retry-bug');
  });

  it('ranks a title match above a body-only match', async () => {
    expect(await top('jitter')).toEqual(['retry-adr', 'retry-bug']);
  });

  it('applies filters and limit', async () => {
    expect(await top('jitter', { kind: 'bug-fix' })).toEqual(['retry-bug']);
    expect(await top('auth', { tag: 'sessions' })).toEqual(['session-fixation']);
    expect(await top('auth', { author: 'agent-a' })).not.toContain('session-fixation');
    expect(await top('auth', { file: 'src/auth' })).not.toContain('team-review');
    expect(await top('the', { limit: 2 })).toHaveLength(2);
  });

  it('returns nothing for blank or unknown queries', async () => {
    expect(await store.search('   ')).toEqual([]);
    expect(await store.search('kubernetes')).toEqual([]);
  });
});

describe('recency and confidence boost', () => {
  const twin = (id: string, extra: Partial<PatternInput>): PatternInput => ({
    id,
    kind: 'bug-fix',
    title: 'Cache stampede on cold start',
    author: 'agent-a',
    ...extra,
  });

  it('orders otherwise equal matches by confidence, then by recency', async () => {
    let now = NOW;
    const boosted = await createGitPatternStore({ repo: makeProjectRepo(dirs), clock: () => new Date(now) });
    await boosted.saveMany([twin('unsure', { confidence: 0.2 }), twin('sure', { confidence: 0.9 })]);
    expect((await boosted.search('stampede')).map((h) => h.pattern.id)).toEqual(['sure', 'unsure']);

    now = NOW - 400 * 86_400_000;
    await boosted.save(twin('old', { confidence: 0.5 }));
    now = NOW;
    await boosted.save(twin('recent', { confidence: 0.5 }));
    const order = (await boosted.search('stampede')).map((h) => h.pattern.id);
    expect(order.indexOf('recent')).toBeLessThan(order.indexOf('old'));
    await boosted.close();
  });
});
