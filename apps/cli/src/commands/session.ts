import { MemoryError, type SessionStartInput } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli } from '../command-runtime.js';
import { resolveUser } from '../default-user.js';
import { renderSession } from '../format/session-view.js';
import { formatDuration } from '../format/time.js';
import { collectKeyValue, parseDuration, parseJsonObject } from '../option-parsers.js';

interface StartOptions {
  id?: string;
  user?: string;
  project?: string;
  context?: Record<string, unknown>;
  field?: Record<string, string>;
  ttl?: number;
}

const LOCAL_NOTE = `
Without Redis, sessions live in the embedded SQLite file (~/.agent-memory/memory.db, or
AGENT_MEMORY_SQLITE) that every process shares, so \`session start\` and a later \`session show\`
work without a server.

Examples:
  $ agent-memory session start --user alice --id review-42
  $ agent-memory session show review-42
  $ agent-memory session end review-42`;

export function configure(session: Command, cli: Cli): void {
  session.addHelpText('after', LOCAL_NOTE);

  session
    .command('start')
    .description('start a session and print its id')
    .option('--id <id>', 'session id (generated when omitted)')
    .option('--user <id>', 'user the session belongs to (default: AGENT_MEMORY_USER or your login name)')
    .option('--project <path>', 'project the session is about (default: the current directory)')
    .option('--context <json>', 'initial context, a JSON object', parseJsonObject)
    .option('--field <key=value>', 'extra string field (repeatable)', collectKeyValue)
    .option('--ttl <duration>', 'lifetime, e.g. 30m or 2h (default: ttl.sessionMs, 1h)', parseDuration)
    .addHelpText(
      'after',
      `
Examples:
  $ agent-memory session start --user alice --context '{"goal":"fix login"}'
  $ agent-memory session start --id review-42 --ttl 2h --field branch=fix/login
  $ SESSION=$(agent-memory session start --json | jq -r .id)`,
    )
    .action(
      action(cli, async (rt, options: StartOptions) => {
        const memory = await rt.memory();
        const userId = resolveUser(options.user, rt.io.env);
        const input: SessionStartInput = {
          userId,
          project: options.project ?? rt.io.cwd,
          ...(options.id !== undefined ? { id: options.id } : {}),
          ...(options.context !== undefined
            ? { context: options.context as SessionStartInput['context'] }
            : {}),
          ...(options.field !== undefined ? { fields: options.field } : {}),
          ...(options.ttl !== undefined ? { ttlMs: options.ttl } : {}),
        };
        const started = await memory.sessions.start(input);
        const ttl = await memory.sessions.ttl(started.id);
        rt.out.result({ ...started, ttlMs: ttl }, (_, c) => [
          `started session ${c.bold(started.id)} for ${started.userId}${ttl === null ? '' : `, expires in ${formatDuration(ttl)}`}`,
        ]);
      }),
    );

  session
    .command('show <id>')
    .description('print a live session and how long it has left')
    .addHelpText(
      'after',
      '\nExamples:\n  $ agent-memory session show review-42\n  $ agent-memory session show review-42 --json',
    )
    .action(
      action(cli, async (rt, id: string) => {
        const memory = await rt.memory();
        const found = await memory.sessions.get(id);
        if (!found) throw notFound(id);
        const ttl = await memory.sessions.ttl(id);
        rt.out.result({ ...found, ttlMs: ttl }, (_, c) => renderSession(found, ttl, c));
      }),
    );

  session
    .command('touch <id>')
    .description('reset the TTL of a live session')
    .option('--ttl <duration>', 'new lifetime from now (default: ttl.sessionMs)', parseDuration)
    .addHelpText('after', '\nExamples:\n  $ agent-memory session touch review-42 --ttl 1h')
    .action(
      action(cli, async (rt, id: string, options: { ttl?: number }) => {
        const memory = await rt.memory();
        if (!(await memory.sessions.touch(id, options.ttl))) throw notFound(id);
        const ttl = await memory.sessions.ttl(id);
        rt.out.result({ id, ttlMs: ttl }, () => `session ${id} expires in ${formatDuration(ttl ?? 0)}`);
      }),
    );

  session
    .command('end <id>')
    .description('end (delete) a session')
    .addHelpText('after', '\nExamples:\n  $ agent-memory session end review-42')
    .action(
      action(cli, async (rt, id: string) => {
        const memory = await rt.memory();
        if (!(await memory.sessions.end(id))) throw notFound(id);
        rt.out.result({ id, ended: true }, () => `ended session ${id}`);
      }),
    );
}

function notFound(id: string): MemoryError {
  return new MemoryError('NOT_FOUND', `no live session "${id}" (it ended, expired, or never existed)`, {
    details: { sessionId: id },
  });
}
