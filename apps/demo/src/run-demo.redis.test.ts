import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { expectFullStory } from '../test/story-assertions.js';
import { runDemo } from './run-demo.js';

describe('runDemo on Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await useTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  const capture = () => {
    const out = { text: '', write: (chunk: string) => (out.text += chunk) };
    return out;
  };

  it('tells the whole story with async agents sharing one Redis', async () => {
    const out = capture();
    const patternsDir = mkdtempSync(path.join(tmpdir(), 'demo-redis-test-'));
    onTestFinished(() => rmSync(patternsDir, { recursive: true, force: true }));
    const report = await runDemo({
      redis: redis.url,
      namespace: redis.namespace('demo'),
      seed: 42,
      patternsDir,
      color: false,
      output: out,
    });

    expect(report.backend).toBe('redis');
    expect(report.notices).toEqual([]);
    await expectFullStory(report, out.text, patternsDir);
  });

  it('coordinates worker OS processes through Redis, surviving one killed with SIGKILL', async () => {
    const out = capture();
    const patternsDir = mkdtempSync(path.join(tmpdir(), 'demo-processes-test-'));
    onTestFinished(() => rmSync(patternsDir, { recursive: true, force: true }));
    const report = await runDemo({
      redis: redis.url,
      namespace: redis.namespace('demo-processes'),
      processes: 4,
      seed: 7,
      patternsDir,
      color: false,
      output: out,
    });

    expect(report.mode).toBe('processes');
    expect(out.text).toMatch(/KILLED \(SIGKILL, pid \d+\)/);
    // Every worker process did some of the work, and the killed one completed nothing.
    const killed = report.runs[0]!.killed!.agentId;
    const completers = new Set(report.runs[0]!.tasks.map((t) => t.completedBy?.agentId));
    expect(completers.has(killed)).toBe(false);
    expect(completers.size).toBeGreaterThanOrEqual(2);
    await expectFullStory(report, out.text, patternsDir);
  });
});
