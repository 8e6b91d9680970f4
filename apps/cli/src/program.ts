import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Cli } from './command-runtime.js';
import { addGlobalOptions } from './global-options.js';
import { addLazyCommands, type LazyCommandSpec } from './lazy-command.js';
import { Output } from './output.js';

const OVERVIEW = `
Short-term memory (sessions, conversation, claims, events) lives in Redis when --redis /
AGENT_MEMORY_REDIS_URL points at one that answers; otherwise in the embedded SQLite file
~/.agent-memory/memory.db ($XDG_DATA_HOME/agent-memory when set; override with AGENT_MEMORY_SQLITE),
which every process on this machine shares (CLI calls, MCP hosts, serve --local). Long-term patterns live as Markdown in a git repository.

Exit status: 0 ok, 1 failure (or status of a backend that is down), 2 bad usage or input.

Examples:
  $ agent-memory serve                       # start (or reuse) Redis on 127.0.0.1:6379
  $ agent-memory status --json
  $ agent-memory session start --user alice --context '{"goal":"fix login"}'
  $ agent-memory remember --user alice "the bug is in src/auth.ts"
  $ agent-memory patterns search "login timeout"`;

// One line a command: how the overview lists it, and the module that holds the rest of it. A call
// imports only the module of the command it runs (see lazy-command.ts).
// biome-ignore format: one line a command keeps the table readable and merges simple
const COMMANDS: LazyCommandSpec[] = [
  { term: 'serve [options]', description: 'run the memory server: reuse the Redis that answers, or start one, until Ctrl-C or SIGTERM', load: () => import('./commands/serve.js') },
  { term: 'status', description: 'backend, Redis version and latency, memory used, keys per kind, sessions, claims, agents, patterns', load: () => import('./commands/status.js') },
  { term: 'session', description: 'session context with a TTL: start, show, touch, end', load: () => import('./commands/session.js') },
  { term: 'remember [options] <text...>', description: "append a message to a user's conversation window (newest first, bounded, with a TTL)", load: () => import('./commands/remember.js') },
  { term: 'recall [options] [query...]', description: "print the newest messages of a user's conversation window; with --semantic, recall by meaning from patterns and the conversation (hybrid full-text + vector ranking)", load: () => import('./commands/recall.js') },
  { term: 'tasks', description: 'task claims: who holds what, until when (and claim, release, complete, owner)', load: () => import('./commands/tasks.js') },
  { term: 'events', description: 'agent events: the live agent:events channel and its audit log', load: () => import('./commands/events.js') },
  { term: 'audit [options]', description: 'replay the durable audit trail of coordination: claims, findings, conflicts, promotions', load: () => import('./commands/audit.js') },
  { term: 'patterns', description: 'long-term patterns: Markdown files in git (bug fixes, decisions, conventions)', load: () => import('./commands/patterns/index.js') },
  { term: 'promote [options] [candidate]', description: 'promote a staged finding into a long-term pattern (as a validator); without an id, list candidates', load: () => import('./commands/promote.js') },
  { term: 'mcp', description: 'serve memory to an AI assistant over the Model Context Protocol (stdio)', load: () => import('./commands/mcp.js') },
  { term: 'tokens', description: 'issue, list and revoke access tokens for `agent-memory serve`, each bound to an agent, a role and namespaces', load: () => import('./commands/tokens.js') },
];

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
  addLazyCommands(program, cli, COMMANDS);
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
