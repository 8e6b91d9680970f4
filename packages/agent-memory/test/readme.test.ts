import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const here = new URL('..', import.meta.url);

describe('README', () => {
  it('shows examples/quickstart.ts verbatim', () => {
    const readme = readFileSync(new URL('README.md', here), 'utf8');
    const example = readFileSync(new URL('examples/quickstart.ts', here), 'utf8');
    expect(readme).toContain(example);
  });

  it('runs the quickstart as written (local adapter, a fresh patterns repo)', async () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'am-quickstart-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const env = { ...process.env };
    delete process.env.REDIS_URL;
    process.chdir(dir);
    try {
      await import('../examples/quickstart.js');
      const printed = log.mock.calls.map((args) => args.join(' '));
      expect(printed[0]).toBe('memory on sqlite');
      const summary = log.mock.calls.find((args) => typeof args[0] === 'object' && 'recent' in args[0])?.[0];
      expect(summary).toMatchObject({ recent: 1, patterns: 0 });
      expect((summary as { audited: number }).audited).toBeGreaterThanOrEqual(2);
      const status = log.mock.calls.find(
        (args) => typeof args[0] === 'object' && 'backend' in args[0],
      )?.[0] as { backend: string; keys: Record<string, number> };
      expect(status.backend).toBe('sqlite');
      expect(status.keys.sessions).toBe(1);
    } finally {
      process.chdir(cwd);
      process.env = env;
      log.mockRestore();
    }
  });
});
