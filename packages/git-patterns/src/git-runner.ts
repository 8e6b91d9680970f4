import { MemoryError } from '@agent-memory/core';
import { GitError, type SimpleGit, simpleGit } from 'simple-git';

/** A git command that exited non-zero; keeps the exit code so callers can branch on it. */
export class GitCommandError extends GitError {
  constructor(
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(undefined, output.trim() || `git exited with code ${exitCode}`);
  }
}

export interface GitIdentity {
  name: string;
  email: string;
}

export interface RunOptions {
  /** Exit codes that are answers, not failures (`diff --quiet` → 1). */
  okExitCodes?: number[];
  /** Retry while another git process holds `index.lock` (user's IDE, `git status`, another store). */
  retryIndexLock?: boolean;
  /** Network commands: no credential prompt, and a bound on silence so nothing hangs. */
  network?: boolean;
}

export interface RunResult {
  stdout: string;
  exitCode: number;
}

const INDEX_LOCK_RETRY_MS = 5000;
const NETWORK_SILENCE_MS = 60_000;

/**
 * Runs git in one repository through simple-git. Every failure becomes a MemoryError; identity is
 * passed per command (`-c user.name=…`) so commits work on machines with no global git identity.
 */
export class GitRunner {
  private readonly git: SimpleGit;
  private network: SimpleGit | undefined;

  constructor(
    readonly cwd: string,
    private readonly identity?: GitIdentity,
  ) {
    this.git = simpleGit({ baseDir: cwd, config: this.configPairs(), errors: exitCodeErrors });
  }

  async run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const client = options.network ? this.networkClient() : this.git;
        const stdout = await client.raw(args);
        return { stdout, exitCode: 0 };
      } catch (error) {
        if (error instanceof GitCommandError && options.okExitCodes?.includes(error.exitCode)) {
          return { stdout: error.output, exitCode: error.exitCode };
        }
        if (options.retryIndexLock && isIndexLockBusy(error) && Date.now() - started < INDEX_LOCK_RETRY_MS) {
          await sleep(Math.min(200, 10 * 2 ** attempt) * (0.5 + Math.random()));
          continue;
        }
        throw toGitMemoryError(error, args);
      }
    }
  }

  /** stdout of a command that must succeed. */
  async text(args: string[], options: RunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout;
  }

  private configPairs(): string[] {
    if (!this.identity) return [];
    return [`user.name=${this.identity.name}`, `user.email=${this.identity.email}`];
  }

  private networkClient(): SimpleGit {
    // The user's own environment is passed through unchanged (it may legitimately carry
    // GIT_SSH_COMMAND or GIT_CONFIG_GLOBAL); only the prompt is switched off.
    this.network ??= simpleGit({
      baseDir: this.cwd,
      config: this.configPairs(),
      errors: exitCodeErrors,
      timeout: { block: NETWORK_SILENCE_MS },
      unsafe: {
        allowUnsafeAskPass: true,
        allowUnsafeConfigPaths: true,
        allowUnsafeConfigEnvCount: true,
        allowUnsafeEditor: true,
        allowUnsafePager: true,
        allowUnsafeSshCommand: true,
        allowUnsafeGitProxy: true,
        allowUnsafeDiffExternal: true,
        allowUnsafeTemplateDir: true,
      },
    }).env({ ...process.env, GIT_TERMINAL_PROMPT: '0' });
    return this.network;
  }
}

function exitCodeErrors(
  error: Buffer | Error | undefined,
  result: { exitCode: number; stdOut: Buffer[]; stdErr: Buffer[] },
): Buffer | Error | undefined {
  if (result.exitCode === 0) return error;
  const output = Buffer.concat([...result.stdOut, ...result.stdErr]).toString('utf8');
  return new GitCommandError(result.exitCode, output);
}

function isIndexLockBusy(error: unknown): boolean {
  return (
    error instanceof Error && /index\.lock'?:? File exists|Unable to create '.*\.lock'/i.test(error.message)
  );
}

function toGitMemoryError(error: unknown, args: string[]): MemoryError {
  if (error instanceof MemoryError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new MemoryError('BACKEND_UNAVAILABLE', `git ${args[0] ?? ''} failed: ${firstLines(text)}`, {
    cause: error,
    details: { command: args[0], exitCode: error instanceof GitCommandError ? error.exitCode : undefined },
  });
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 4).join(' | ');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
