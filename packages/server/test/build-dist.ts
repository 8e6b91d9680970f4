import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageDir, '..', '..');
const bin = join(packageDir, 'dist', 'bin', 'mcp-stdio.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/**
 * The MCP stdio tests spawn `node dist/bin/mcp-stdio.js`, so dist (and its workspace dependencies'
 * dist) must exist: build them when missing or older than this package's sources. turbo's cache
 * makes this cheap when nothing changed.
 */
export default function buildDist(): void {
  if (existsSync(bin) && statSync(bin).mtimeMs >= newestSource(join(packageDir, 'src'))) return;
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter', '@agent-memory/server...'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
}
