import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary, run exactly as `agent-memory` is. */
export const CLI_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  /** Options for node itself, before the script (e.g. `--import` a module hook). */
  nodeArgs?: string[];
}

/**
 * A private home for one test file: the local snapshot goes to its XDG data dir, and nothing from the
 * developer's own environment (REDIS_URL, AGENT_MEMORY_*) leaks into the CLI under test.
 */
export class CliSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'agent-memory-cli-'));

  constructor(private readonly defaults: Record<string, string | undefined> = {}) {}

  env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (key === 'REDIS_URL' || key.startsWith('AGENT_MEMORY_') || key === 'REDIS_SERVER_BIN') continue;
      env[key] = value;
    }
    Object.assign(env, {
      XDG_DATA_HOME: join(this.dir, 'data'),
      NO_COLOR: '1',
      AGENT_MEMORY_USER: 'tester',
      AGENT_MEMORY_PATTERNS: 'off',
      ...this.defaults,
      ...extra,
    });
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    return env;
  }

  /** Runs one command to completion. */
  run(args: string[], options: CliOptions = {}): Promise<CliResult> {
    const child = this.spawn(args, options);
    return child.exited;
  }

  /** Starts a long-running command (serve, events tail --follow). */
  spawn(args: string[], options: CliOptions = {}): LiveCli {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI_MAIN, ...args], {
      cwd: options.cwd ?? this.dir,
      env: this.env(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(options.input ?? '');
    return new LiveCli(child);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class LiveCli {
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;
  readonly #listeners = new Set<() => void>();
  #closed = false;

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      for (const listener of this.#listeners) listener();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      for (const listener of this.#listeners) listener();
    });
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.#closed = true;
        for (const listener of this.#listeners) listener();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Resolves with the first stdout line matching; rejects if the process exits first. */
  line(match: (line: string) => boolean): Promise<string> {
    return this.#waitFor(() => this.stdout.split('\n').find((l) => l.trim() !== '' && match(l)));
  }

  /** Resolves once stderr contains `text`. */
  stderrIncludes(text: string): Promise<void> {
    return this.#waitFor(() => (this.stderr.includes(text) ? true : undefined)).then(() => undefined);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }

  #waitFor<T>(probe: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found !== undefined) {
          this.#listeners.delete(check);
          resolve(found);
        } else if (this.#closed) {
          this.#listeners.delete(check);
          reject(new Error(`the CLI exited first.\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
        }
      };
      this.#listeners.add(check);
      check();
    });
  }
}

export function parseJson<T = Record<string, unknown>>(text: string): T {
  return JSON.parse(text) as T;
}

/** True while a process with this pid exists (signal 0 only checks). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
