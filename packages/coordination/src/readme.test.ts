import { readFile } from 'node:fs/promises';
import { expect, it, vi } from 'vitest';

it('the README example is the tested example file, and it runs', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const example = await readFile(new URL('../test/two-agents.example.ts', import.meta.url), 'utf8');
  expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  });
  try {
    await import('../test/two-agents.example.js');
  } finally {
    spy.mockRestore();
  }
  expect(lines).toEqual([
    'alice holds review-auth with token 1',
    'bob tries too: null',
    'alive: ["alice holds [review-auth]","bob holds []"]',
    'conflict: alice: sql-injection vs bob: ok',
    'completed by alice with token 1',
    'staged sql-injection: src/auth.ts',
    expect.stringMatching(/^events: \["task_claimed \(alice\)",.*"agent_left \(bob\)"\]$/),
    'audit trail: 8 steps',
  ]);
});
