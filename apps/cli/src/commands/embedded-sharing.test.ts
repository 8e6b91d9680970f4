import { afterAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';

// Without Redis every CLI process opens the same embedded SQLite file in the data home: writes of
// processes started at once must all land (the old in-process snapshot kept 4 to 8 of 10).
const sandbox = new CliSandbox();
afterAll(() => sandbox.cleanup());

describe('agent-memory without Redis', () => {
  it('keeps every message of 10 concurrent remember processes', async () => {
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => sandbox.run(['remember', '--user', 'bob', `message ${i}`])),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const recalled = await sandbox.run(['recall', '--user', 'bob', '-n', '50', '--json']);
    expect(recalled.code, recalled.stderr).toBe(0);
    const { messages } = parseJson<{ messages: { content: string }[] }>(recalled.stdout);
    expect(messages.map((m) => m.content).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `message ${i}`).sort(),
    );
  });

  it('gives a task to exactly one of several concurrent claiming processes', async () => {
    const runs = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        sandbox.run(['tasks', 'claim', 'shared-task', '--agent', `agent-${i}`, '--json']),
      ),
    );
    const claimed = runs.filter((r) => r.code === 0);
    expect(runs.filter((r) => r.stderr.includes('CONFLICT'))).toHaveLength(3);
    expect(claimed, runs.map((r) => `${r.code} ${r.stdout} ${r.stderr}`).join('\n')).toHaveLength(1);
  });
});
