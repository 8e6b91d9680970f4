// Vitest global setup: builds the demo and everything it imports, because one test spawns the real
// CLI (dist/main.js) and --processes forks dist/worker.js. Turbo caches it, so a rebuild is cheap.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(appDir, '..', '..');

export default function setup(): void {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'turbo', 'bin', 'turbo'),
      'run',
      'build',
      '--filter=@agent-memory/demo...',
      '--output-logs=errors-only',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    },
  );
  for (const entry of ['main.js', 'worker.js']) {
    if (result.status !== 0 || !existsSync(path.join(appDir, 'dist', entry))) {
      throw new Error(
        `building the demo failed (exit ${result.status}); dist/${entry} is needed by the CLI tests:\n` +
          `${result.stdout}\n${result.stderr}`.slice(-4000),
      );
    }
  }
}
