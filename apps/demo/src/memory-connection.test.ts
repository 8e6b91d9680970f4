import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@agent-memory/redis-harness';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_REDIS_URL, openMemory, redisTarget } from './memory-connection.js';

describe('where the demo finds Redis', () => {
  it('prefers --redis, then the environment, then a probe of the default port', () => {
    const env = { REDIS_URL: 'redis://env:1', AGENT_MEMORY_REDIS_URL: 'redis://am-env:2' };
    expect(redisTarget({ redis: 'redis://flag:3', local: false, probe: true, env })).toEqual({
      url: 'redis://flag:3',
      source: 'option',
    });
    expect(redisTarget({ redis: undefined, local: false, probe: true, env })).toEqual({
      url: 'redis://am-env:2',
      source: 'env',
    });
    expect(redisTarget({ redis: undefined, local: false, probe: true, env: {} })).toEqual({
      url: DEFAULT_REDIS_URL,
      source: 'default',
    });
    expect(redisTarget({ redis: undefined, local: false, probe: false, env: {} }).source).toBe('none');
    expect(redisTarget({ redis: 'redis://flag:3', local: true, probe: true, env }).source).toBe('none');
  });

  it('falls back to the embedded file with one plain notice when Redis does not answer', async () => {
    const warnings: string[] = [];
    const url = `redis://127.0.0.1:${await freePort()}`;
    const patternsRepo = mkdtempSync(path.join(tmpdir(), 'demo-connection-'));
    onTestFinished(() => rmSync(patternsRepo, { recursive: true, force: true }));
    const { memory, notice } = await openMemory({
      target: { url, source: 'option' },
      namespace: 'demo-connection-test',
      patternsRepo,
      leaseMs: 1500,
      warnings,
    });
    try {
      expect(memory.backend).toBe('sqlite');
      expect(notice).toBe(`Redis at ${url} did not answer: using the embedded SQLite file instead.`);
      // createMemory's own warning is replaced by the notice, not printed twice.
      expect(warnings).toEqual([]);
    } finally {
      await memory.close();
    }
  });
});
