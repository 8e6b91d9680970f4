import { readFile } from 'node:fs/promises';
import { expect, it, vi } from 'vitest';

it('the README example is the tested example file, and it runs', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const example = await readFile(new URL('../test/serve.example.ts', import.meta.url), 'utf8');
  expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  try {
    await import('../test/serve.example.js');
  } finally {
    spy.mockRestore();
  }
  expect(lines).toEqual([
    'alice claimed: true | bob claimed: false held by alice',
    'conflicts: 1',
    'bad request: INVALID_INPUT body.confidence',
    'audit: task_claimed, finding_shared, finding_shared, conflict_detected',
    'dashboard at /',
  ]);
});

it('the README "token per agent" example is the tested example file, and it runs', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const example = await readFile(new URL('../test/team.example.ts', import.meta.url), 'utf8');
  expect(/### A token per agent\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  try {
    await import('../test/team.example.js');
  } finally {
    spy.mockRestore();
  }
  expect(lines).toEqual(['claimed as bob', 'as lead: FORBIDDEN']);
});
