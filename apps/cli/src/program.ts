import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Cli } from './command-runtime.js';
import { registerAudit } from './commands/audit.js';
import { registerEvents } from './commands/events.js';
import { registerMcp } from './commands/mcp.js';
import { registerPatterns } from './commands/patterns/index.js';
import { registerPromote } from './commands/promote.js';
import { registerRecall } from './commands/recall.js';
import { registerRemember } from './commands/remember.js';
import { registerServe } from './commands/serve.js';
import { registerSession } from './commands/session.js';
import { registerStatus } from './commands/status.js';
import { registerTasks } from './commands/tasks.js';
import { registerTokens } from './commands/tokens.js';
import { addGlobalOptions } from './global-options.js';
import { Output } from './output.js';

const OVERVIEW = `
Short-term memory (sessions, conversation, claims, events) lives in Redis when --redis /
AGENT_MEMORY_REDIS_URL points at one that answers; otherwise in the local backend, kept between
calls in ~/.agent-memory/local-snapshot.json ($XDG_DATA_HOME/agent-memory when set; override with
AGENT_MEMORY_SNAPSHOT). Long-term patterns live as Markdown in a git repository.

Exit status: 0 ok, 1 failure (or status of a backend that is down), 2 bad usage or input.

Examples:
  $ agent-memory serve                       # start (or reuse) Redis on 127.0.0.1:6379
  $ agent-memory status --json
  $ agent-memory session start --user alice --context '{"goal":"fix login"}'
  $ agent-memory remember --user alice "the bug is in src/auth.ts"
  $ agent-memory patterns search "login timeout"`;

export function buildProgram(cli: Cli): Command {
  const { io } = cli;
  const program = new Command('agent-memory')
    .description(
      'Real-time memory for AI agents: Redis for what is happening now, git for what the team learned.',
    )
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${usageLine(text, cli)}\n`),
    });
  addGlobalOptions(program);
  program.addHelpText('after', OVERVIEW);
  for (const register of [
    registerServe,
    registerStatus,
    registerSession,
    registerRemember,
    registerRecall,
    registerTasks,
    registerEvents,
    registerAudit,
    registerPatterns,
    registerPromote,
    registerMcp,
    registerTokens,
  ]) {
    register(program, cli);
  }
  return program;
}

/** Commander's own messages ("error: unknown option …") in the CLI's one-line error format. */
function usageLine(text: string, cli: Cli): string {
  const colors = new Output(false, false, cli.io).errColors;
  const message = text
    .replace(/^error:\s*/i, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return `${colors.red('error')} [INVALID_INPUT]: ${message} (see --help)`;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
