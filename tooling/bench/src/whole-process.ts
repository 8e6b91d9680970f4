import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MemoryError } from '@agent-memory/core';

const REPORTER = fileURLToPath(new URL('../usage-reporter.mjs', import.meta.url));
/** A command that takes longer than this is stuck (a server that never answers), not slow. */
const STUCK_MS = 30_000;

/** One run of a Node process, timed from outside (wall) and from inside (CPU, peak RSS). */
export interface ProcessSample {
  /** From spawn to exit, or to the awaited answer for a server. */
  wallMs: number;
  /** User + system CPU of the whole process, to its exit. */
  cpuMs: number;
  peakRssMiB: number;
}

export interface ProcessSpec {
  /** Arguments to `node` after its own options: a script and its arguments, or `-e 0`. */
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** For a server: written to stdin at spawn; the clock stops at the first stdout line `answered` accepts. */
  request?: { stdin: string; answered: (line: string) => boolean };
}

/**
 * Runs `node --import usage-reporter <args>` once. A process that exits non-zero (or a server that
 * exits before answering) is an error: a failing command must not pass for a fast one.
 */
export function timeProcess(spec: ProcessSpec): Promise<ProcessSample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', REPORTER, ...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    const stuck = setTimeout(() => child.kill('SIGKILL'), STUCK_MS);
    let wallMs: number | undefined;
    let stdout = '';
    let stderr = '';
    let usage = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (spec.request && wallMs === undefined && stdout.split('\n').some(spec.request.answered)) {
        wallMs = performance.now() - started;
        child.stdin?.end();
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (chunk: string) => {
      usage += chunk;
    });
    if (spec.request) child.stdin?.write(spec.request.stdin);
    else child.stdin?.end();
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(stuck);
      wallMs ??= spec.request ? undefined : performance.now() - started;
      const reported = usage.trim() ? (JSON.parse(usage) as { maxRssKiB: number; cpuUs: number }) : null;
      if (code !== 0 || wallMs === undefined || reported === null) {
        reject(
          new MemoryError(
            'INTERNAL',
            `node ${spec.args.join(' ')} exited with ${code}${wallMs === undefined ? ' before answering' : ''}: ${stderr.trim() || stdout.trim()}`,
          ),
        );
        return;
      }
      resolve({ wallMs, cpuMs: reported.cpuUs / 1000, peakRssMiB: reported.maxRssKiB / 1024 });
    });
  });
}
