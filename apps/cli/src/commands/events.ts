import type { AgentEvent } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli, type CommandRuntime } from '../command-runtime.js';
import { matchesEvent } from '../event-filter.js';
import { renderEvent } from '../format/event-view.js';
import { collect, parsePositiveInt } from '../option-parsers.js';
import { onShutdownSignal } from '../shutdown-signal.js';

interface TailOptions {
  follow?: boolean;
  lines: number;
  type?: string[];
  task?: string;
  agent?: string;
}

export function configure(events: Command, cli: Cli): void {
  events.addHelpText(
    'after',
    '\nExamples:\n  $ agent-memory events tail\n  $ agent-memory events tail --follow',
  );

  events
    .command('tail')
    .description('print the most recent agent events from the audit log; --follow keeps printing live ones')
    .option('-f, --follow', 'keep printing live events until Ctrl-C or SIGTERM')
    .option('-n, --lines <n>', 'how many recent events to print first', parsePositiveInt, 20)
    .option('--type <glob>', 'only these event types, e.g. task_* (repeatable)', collect)
    .option('--task <id>', 'only events about this task')
    .option('--agent <id>', 'only events of this agent')
    .addHelpText(
      'after',
      `
With --json every event is one JSON line: {"id": <audit log id or null for live>, "event": {...}}.
--follow needs Redis to see other processes' events: the local backend only sees this process.

Examples:
  $ agent-memory events tail -n 50
  $ agent-memory events tail --follow --type 'task_*'
  $ agent-memory events tail -f --task review-auth --json | jq -r .event.event`,
    )
    .action(action(cli, (rt, options: TailOptions) => tail(rt, options)));
}

async function tail(rt: CommandRuntime, options: TailOptions): Promise<void> {
  const memory = await rt.memory();
  const filter = {
    ...(options.task !== undefined ? { taskId: options.task } : {}),
    ...(options.agent !== undefined ? { agentId: options.agent } : {}),
  };
  const types = options.type !== undefined ? { types: options.type } : {};
  const print = (id: string | null, event: AgentEvent) =>
    rt.out.json ? rt.out.writeJson({ id, event }) : rt.out.line(renderEvent(event, rt.out.colors));

  // Subscribe before reading the log, so nothing published in between is missed.
  const stop = new AbortController();
  const stream = options.follow ? memory.events.events({ signal: stop.signal, ...types }) : undefined;
  await stream?.ready;
  const recent = (await memory.audit({ ...filter, ...types })).slice(-options.lines);
  for (const entry of recent) print(entry.id, entry.event);
  if (!stream) return;

  if (memory.scope === 'process') {
    rt.out.warn(
      `the ${memory.backend} backend only sees events of this process; start Redis (agent-memory serve) to follow other agents`,
    );
  }
  const dispose = onShutdownSignal(() => stop.abort());
  rt.out.info(`following ${memory.events.channel} in namespace ${memory.namespace} (Ctrl-C to stop)`);
  // Events received while the log was read may be in both: print them once.
  const printed = new Set(recent.map((entry) => JSON.stringify(entry.event)));
  try {
    for await (const event of stream) {
      if (!matchesEvent(event, filter)) continue;
      if (printed.size > 0 && printed.delete(JSON.stringify(event))) continue;
      print(null, event);
    }
  } finally {
    dispose();
  }
}
