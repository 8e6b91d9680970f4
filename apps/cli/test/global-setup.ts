import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

/**
 * The CLI is tested as a user runs it, from dist/: build it and everything it imports first. Turbo's
 * cache makes this a no-op when nothing changed, so a fresh clone and an edit both just work.
 */
export default function setup(): void {
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  const args = ['run', 'build', '--filter', '@agent-memory/cli...', '--output-logs=errors-only'];
  const built = existsSync(turbo)
    ? run(turbo, args)
    : run('npx', ['--yes', 'pnpm', 'exec', 'turbo', ...args]);
  if (built.status === 0) return;
  // A sibling package that does not build right now (work in progress elsewhere) must not hide the
  // CLI's own results: with its dependencies' dist/ already there, building the CLI alone is enough.
  const cliOnly = run(process.execPath, [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(root, 'apps', 'cli', 'tsconfig.build.json'),
  ]);
  if (cliOnly.status === 0) {
    console.warn(
      `[cli tests] the full build failed; testing the CLI against existing dist/ of its dependencies:\n${output(built)}`,
    );
    return;
  }
  throw new Error(`building the CLI failed:\n${output(built)}\n${output(cliOnly)}`);
}

function run(cmd: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env });
}

function output(result: SpawnSyncReturns<string>): string {
  return `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
}
