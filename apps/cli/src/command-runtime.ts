import type { Memory, MemoryConfig, MemoryLogger } from 'agent-memory';
import type { Command } from 'commander';
import { cliLogger } from './cli-logger.js';
import { type GlobalOptions, globalOptionsOf } from './global-options.js';
import type { MemoryNeeds } from './memory-opener.js';
import { Output, type OutputStreams } from './output.js';

export interface CliIo extends OutputStreams {
  cwd: string;
  /** Read all of stdin (for `-` arguments). */
  readStdin(): Promise<string>;
}

/** Shared by every command of one run: where it prints, and the exit status it ends with. */
export interface Cli {
  readonly io: CliIo;
  exitCode: number;
}

/** What one running command works with: its options, its output, and memory opened on demand. */
export class CommandRuntime {
  readonly globals: GlobalOptions;
  readonly out: Output;
  readonly logger: MemoryLogger;
  /** Set by commands whose outcome is not an error but still not success (status of a down backend). */
  exitCode = 0;
  readonly #opened: Memory[] = [];

  constructor(
    command: Command,
    readonly io: CliIo,
  ) {
    this.globals = globalOptionsOf(command);
    this.out = new Output(this.globals.json === true, this.globals.verbose === true, io);
    this.logger = cliLogger(this.out);
  }

  async config(needs: MemoryNeeds = {}): Promise<MemoryConfig> {
    // Imported here, not at the top: agent-memory is loaded by the commands that open memory only.
    const { loadCliConfig } = await import('./memory-opener.js');
    return loadCliConfig(this.globals, needs, { cwd: this.io.cwd, env: this.io.env });
  }

  /** Opens memory (closed when the command ends) from the global options and config. */
  async memory(needs: MemoryNeeds = {}): Promise<Memory> {
    return this.open(await this.config(needs), needs);
  }

  async open(config: MemoryConfig, needs: MemoryNeeds = {}): Promise<Memory> {
    // Commands that open patterns say themselves why they are off (status shows it, patterns
    // commands fail with it), so the opener's warning would say it twice.
    const logger: MemoryLogger = needs.patterns
      ? {
          ...this.logger,
          warn: (obj, msg) => (isPatternsOff(obj, msg) ? undefined : this.logger.warn(obj, msg)),
        }
      : this.logger;
    const { openMemory } = await import('./memory-opener.js');
    const memory = await openMemory(config, logger, this.io.env);
    this.#opened.push(memory);
    return memory;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.#opened.splice(0).map((m) => m.close()));
  }
}

function isPatternsOff(obj: object | string, msg?: string): boolean {
  const text = typeof obj === 'string' ? obj : (msg ?? '');
  return text.startsWith('long-term patterns are off');
}

/**
 * Wraps a commander action: a runtime for the command, memory closed afterwards whatever happens,
 * errors left to the top level to print.
 */
export function action<A extends unknown[]>(
  cli: Cli,
  fn: (rt: CommandRuntime, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const rt = new CommandRuntime(command, cli.io);
    try {
      await fn(rt, ...(args.slice(0, -1) as A));
    } finally {
      await rt.close();
    }
    cli.exitCode = rt.exitCode;
  };
}
