import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMemoryError } from '@agent-memory/core';
import { createLocalEmbedder, type PatternRecallHit } from '@agent-memory/recall';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemory } from './create-memory.js';
import { silentLogger } from './logger.js';

describe('memory.recall', () => {
  let redis: TestRedis;
  const dirs: string[] = [];
  beforeAll(async () => {
    redis = await useTestRedis();
  });
  afterAll(async () => {
    await redis.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const backend of ['sqlite', 'redis'] as const) {
    it(`recalls patterns and the user's conversation by meaning on ${backend}`, async () => {
      const repo = mkdtempSync(join(tmpdir(), 'memory-recall-'));
      dirs.push(repo);
      const namespace = redis.namespace('memory-recall');
      const memory = await createMemory(
        { namespace, patterns: { repo, init: true }, ...(backend === 'redis' ? { redis: redis.url } : {}) },
        { logger: silentLogger, embedder: createLocalEmbedder({ dimensions: 256 }) },
      );
      try {
        expect(memory.backend).toBe(backend);
        await memory.patterns!.save({
          id: 'pool-exhaustion',
          kind: 'bug-fix',
          title: 'Database connection pool exhausted under load',
          summary: 'HTTP calls inside transactions held connections; moved them out.',
          tags: ['database'],
          author: 'agent-1',
        });
        await memory
          .conversation('alice')
          .append({ role: 'user', content: 'The login page is sluggish today' });

        const patterns = await memory.recall('we run out of db connections at peak traffic', {
          scope: 'patterns',
        });
        expect((patterns[0] as PatternRecallHit).pattern.id).toBe('pool-exhaustion');
        const mine = await memory.recall('sign-in latency', { scope: 'conversation', userId: 'alice', k: 1 });
        expect(mine).toMatchObject([
          { source: 'message', userId: 'alice', message: { content: expect.stringMatching(/login/) } },
        ]);
        const all = await memory.recall('sign-in latency and db connections', { userId: 'alice' });
        expect(new Set(all.map((hit) => hit.source))).toEqual(new Set(['pattern', 'message']));
        expect(await memory.recall('connections', { filters: { kind: 'convention' } })).toEqual([]);
      } finally {
        await memory.close();
        await redis.cleanup(namespace);
      }
      await memory.recall('anything', { scope: 'conversation', userId: 'alice' }).then(
        () => expect.unreachable('recall after close'),
        (error) => expect(isMemoryError(error, 'CLOSED')).toBe(true),
      );
    });
  }

  it('reports NOT_FOUND for pattern recall when long-term patterns are off', async () => {
    const memory = await createMemory({ patterns: false }, { logger: silentLogger });
    await memory.recall('x', { scope: 'patterns' }).then(
      () => expect.unreachable('recall without patterns'),
      (error) => expect(isMemoryError(error, 'NOT_FOUND')).toBe(true),
    );
    expect(await memory.recall('x')).toEqual([]);
    await memory.close();
  });
});
