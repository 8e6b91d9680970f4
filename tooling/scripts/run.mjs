#!/usr/bin/env node
// The README's commands (`npm run demo`, `npm test`, `npm run bench`) must work on a machine with only
// Node and git: this script installs the workspace with a pinned pnpm (through npx, never corepack),
// builds what the entry points need, then runs the command.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

function pnpm(args) {
  const [cmd, prefix] = pnpmCommand();
  return run(cmd, [...prefix, ...args]);
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('[agent-memory] installing dependencies (pnpm install --frozen-lockfile)…');
  const status = pnpm(['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}

// Entry points build only what they import, so one broken package elsewhere cannot block them.
function build(filter) {
  const scope = filter ? [`--filter=${filter}...`] : [];
  const status = pnpm(['exec', 'turbo', 'run', 'build', ...scope, '--output-logs=errors-only']);
  if (status !== 0) process.exit(status);
}

function test(extra) {
  build();
  const report = join(root, '.vitest-report.json');
  rmSync(report, { force: true });
  const status = pnpm([
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ]);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    // A file that failed before running any test (an import error, a failing hook) counts once.
    const brokenFiles = (json.testResults ?? []).filter(
      (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
    ).length;
    failed = (json.numFailedTests ?? 0) + brokenFiles;
    skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  } else {
    failed = 1;
  }
  if (status !== 0 && failed === 0) failed = 1;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

const [command = 'test', ...rest] = process.argv.slice(2);
ensureInstalled();
switch (command) {
  case 'install':
    break;
  case 'test':
    test(rest);
    break;
  case 'demo': {
    build('@agent-memory/demo');
    process.exit(run(process.execPath, [join(root, 'apps', 'demo', 'dist', 'main.js'), ...rest]));
    break;
  }
  case 'bench': {
    build('@agent-memory/bench');
    process.exit(pnpm(['--filter', '@agent-memory/bench', 'run', 'bench', ...rest]));
    break;
  }
  default:
    console.error(`unknown command ${command}; use test, demo or bench`);
    process.exit(2);
}
