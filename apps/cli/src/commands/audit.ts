import type { AuditQuery } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli } from '../command-runtime.js';
import { renderEvent } from '../format/event-view.js';
import { collect, parseInstant, parsePositiveInt } from '../option-parsers.js';

interface AuditOptions {
  since?: string;
  until?: string;
  task?: string;
  agent?: string;
  credential?: string;
  type?: string[];
  after?: string;
  limit?: number;
}

export function configure(command: Command, cli: Cli): void {
  command
    .option('--since <time>', 'from this time: ISO, epoch ms, or an age like 30m or 2d', (v) =>
      parseInstant(v),
    )
    .option('--until <time>', 'up to this time (same forms as --since)', (v) => parseInstant(v))
    .option('--task <id>', 'only steps about this task')
    .option('--agent <id>', 'only steps of this agent')
    .option(
      '--credential <id>',
      'only steps done through this credential of agent-memory serve: a token id, a JWT subject, or admin',
    )
    .option('--type <glob>', 'only these event types, e.g. pattern_* (repeatable)', collect)
    .option('--after <id>', 'resume after this log entry id (printed first on each line)')
    .option('--limit <n>', 'at most this many entries (the oldest matching)', parsePositiveInt)
    .addHelpText(
      'after',
      `
Examples:
  $ agent-memory audit --since 1h
  $ agent-memory audit --task review-auth --type 'task_*'
  $ agent-memory audit --agent alice --credential 4kq2mz7hx3ab   # what alice's laptop token did
  $ agent-memory audit --after 1733050000000-0 --limit 100 --json`,
    )
    .action(
      action(cli, async (rt, options: AuditOptions) => {
        const query: AuditQuery = {
          ...(options.since !== undefined ? { since: options.since } : {}),
          ...(options.until !== undefined ? { until: options.until } : {}),
          ...(options.task !== undefined ? { taskId: options.task } : {}),
          ...(options.agent !== undefined ? { agentId: options.agent } : {}),
          ...(options.credential !== undefined ? { credential: options.credential } : {}),
          ...(options.type !== undefined ? { types: options.type } : {}),
          ...(options.after !== undefined ? { after: options.after } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
        };
        const memory = await rt.memory();
        const entries = await memory.audit(query);
        rt.out.result(entries, (list, c) =>
          list.length > 0
            ? list.map((entry) => `${c.dim(entry.id)}  ${renderEvent(entry.event, c)}`)
            : c.dim('no audit entries match'),
        );
      }),
    );
}
