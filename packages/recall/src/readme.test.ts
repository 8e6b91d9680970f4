import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const here = new URL('..', import.meta.url);

describe('README', () => {
  it('shows examples/recall-conversation.ts verbatim', () => {
    const readme = readFileSync(new URL('README.md', here), 'utf8');
    const example = readFileSync(new URL('examples/recall-conversation.ts', here), 'utf8');
    expect(readme).toContain(example);
  });

  it('runs the example as written', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('../examples/recall-conversation.js');
      const printed = log.mock.calls.map((args) => String(args[1]));
      expect(printed[0]).toBe('The login page takes six seconds to respond');
      expect(printed).toHaveLength(2);
    } finally {
      log.mockRestore();
    }
  });
});
