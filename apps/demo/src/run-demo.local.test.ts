import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { expectFullStory } from '../test/story-assertions.js';
import { runDemo } from './run-demo.js';

describe('runDemo on the in-process local adapter', () => {
  it('tells the whole story in one invocation: learn, then recall', async () => {
    let text = '';
    const patternsDir = mkdtempSync(path.join(tmpdir(), 'demo-local-test-'));
    onTestFinished(() => rmSync(patternsDir, { recursive: true, force: true }));
    const report = await runDemo({
      local: true,
      seed: 42,
      patternsDir,
      color: false,
      output: { write: (chunk: string) => (text += chunk) },
    });

    expect(report.backend).toBe('sqlite');
    expect(report.mode).toBe('async');
    await expectFullStory(report, text, patternsDir);
  });

  it('says so and runs async agents when --processes has no Redis to share', async () => {
    let text = '';
    const report = await runDemo({
      local: true,
      processes: 3,
      runs: 1,
      kill: false,
      color: false,
      output: { write: (chunk: string) => (text += chunk) },
    });

    expect(report.mode).toBe('async');
    expect(report.workers).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(report.notices).toEqual([
      '--processes needs Redis to share memory between processes: running 3 async agents instead.',
    ]);
    expect(text).toContain(report.notices[0]);
    rmSync(report.patternsRepo, { recursive: true, force: true });
    expect(report.runs[0]!.killed).toBeNull();
    expect(report.ok).toBe(true);
  });

  it('rejects bad options with INVALID_INPUT naming the field', async () => {
    await expect(runDemo({ workers: 1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: /workers/,
    });
    await expect(runDemo({ redis: 'http://nope' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
