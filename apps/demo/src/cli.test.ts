import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

// dist/ is built by the global setup (test/build-dist.ts): this is the command `npm run demo` runs.
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const env = () => {
  const copy = { ...process.env };
  delete copy.REDIS_URL;
  delete copy.AGENT_MEMORY_REDIS_URL;
  return copy;
};

describe('the built CLI (node dist/main.js)', () => {
  it('runs the learning run end to end and exits 0', () => {
    const patternsDir = mkdtempSync(path.join(tmpdir(), 'demo-cli-test-'));
    onTestFinished(() => rmSync(patternsDir, { recursive: true, force: true }));
    const result = spawnSync(
      process.execPath,
      [main, '--runs', '1', '--local', '--patterns-dir', patternsDir, '--no-color'],
      { encoding: 'utf8', env: env(), timeout: 60_000 },
    );

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Run 1 of 1');
    expect(result.stdout).not.toContain('Run 2');
    expect(result.stdout).toContain('✓ every task completed exactly once');
    expect(result.stdout).not.toContain('✗');
    expect(result.stdout).not.toContain('\u001b[');
    const log = execFileSync('git', ['log', '--oneline'], { cwd: patternsDir, encoding: 'utf8' });
    expect(log).toContain('memory: add security-decision');
    expect(result.stdout).toContain(log.split('\n')[0]!);
  });

  it('prints help, and rejects a bad flag with exit code 1', () => {
    const help = spawnSync(process.execPath, [main, '--help'], { encoding: 'utf8', env: env() });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--processes');

    const bad = spawnSync(process.execPath, [main, '--workers', 'many'], { encoding: 'utf8', env: env() });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('INVALID_INPUT');
    expect(bad.stderr).toContain('--workers');
  });
});
