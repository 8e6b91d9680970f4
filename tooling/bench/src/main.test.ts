import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from './report-model.js';

const run = promisify(execFile);
// The command `pnpm bench` runs; `npm test` builds every package before the tests start.
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('the bench command (dist/main.js)', () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'agent-memory-bench-cli-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('runs --quick for one section, prints the table and writes the report', async () => {
    const { stdout } = await run(process.execPath, [MAIN, '--quick', '--only', 'local', '--out', outDir], {
      timeout: 60_000,
    });
    expect(stdout).toContain('agent-memory bench (quick)');
    expect(stdout).toMatch(/sessions\.get\s+[\d.]+ µs/);
    expect(stdout).toContain(`wrote ${path.join(outDir, 'latest.md')}`);
    const report = JSON.parse(readFileSync(path.join(outDir, 'latest.json'), 'utf8')) as BenchReport;
    expect(report.schemaVersion).toBe(3);
    expect(report.sections).toEqual(['local']);
    expect(report.local.length).toBeGreaterThan(0);
    expect(existsSync(path.join(outDir, 'latest.md'))).toBe(true);
  }, 90_000);

  it('refuses an unknown section with the reason and the usage, exit code 1', async () => {
    const failure = await run(process.execPath, [MAIN, '--only', 'short-term,warp'], {
      timeout: 30_000,
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^bench failed: INVALID_INPUT: .*sections/m);
    expect(failure?.stderr).toContain('usage: pnpm bench');
  });

  it('prints the usage for --help', async () => {
    const { stdout } = await run(process.execPath, [MAIN, '--help']);
    expect(stdout).toContain('--quick');
    expect(stdout).toContain('--only LIST');
  });
});
