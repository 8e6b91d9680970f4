import { readFile } from 'node:fs/promises';
import { expect, it, vi } from 'vitest';

it('the README example is the tested example file, and it runs', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const example = await readFile(new URL('../test/custom-analyzer.example.ts', import.meta.url), 'utf8');
  expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);

  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  // The demo's own timeline goes to stdout; keep the test output readable.
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await import('../test/custom-analyzer.example.js');
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
  expect(lines[0]).toBe('story complete: true');
  expect(lines[1]).toBe('tasks analysed per run: 8 then 1');
  expect(lines[2]).toMatch(/^the model was sent \d{4} prompt tokens$/);
});
