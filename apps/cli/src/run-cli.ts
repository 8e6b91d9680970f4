import { CommanderError } from 'commander';
import type { Cli, CliIo } from './command-runtime.js';
import { EXIT_USAGE } from './exit-status.js';
import { Output } from './output.js';
import { buildProgram } from './program.js';

/** Runs one command line and resolves with the exit status; never throws. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const cli: Cli = { io, exitCode: 0 };
  try {
    await buildProgram(cli).parseAsync(argv);
    return cli.exitCode;
  } catch (error) {
    // Commander has already printed its message (help, version, or a usage error).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    // Only a failure pays for formatting one (it loads the error types of agent-memory).
    const [{ exitCodeFor, formatError }, { toMemoryError }] = await Promise.all([
      import('./error-report.js'),
      import('agent-memory'),
    ]);
    const verbose = argv.includes('--verbose');
    const colors = new Output(false, verbose, io).errColors;
    io.stderr.write(`${formatError(error, { verbose, colors })}\n`);
    return exitCodeFor(toMemoryError(error).code);
  }
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
