import { type JsonValue, type Memory, MemoryError, releaseTask } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli, type CommandRuntime } from '../command-runtime.js';
import { resolveAgent } from '../default-user.js';
import {
  describeTaskState,
  type HeldTask,
  renderHeldTasks,
  renderTaskState,
  type TaskState,
} from '../format/task-view.js';
import { formatExpiry } from '../format/time.js';
import { parseDuration, parseJsonValue, parsePositiveInt } from '../option-parsers.js';
import { plainColors } from '../output.js';

const DEFAULT_LEASE_MS = 5 * 60_000;
const OBSERVER = 'agent-memory-cli';

export function configure(tasks: Command, cli: Cli): void {
  tasks
    .addHelpText(
      'after',
      `
Without a subcommand, lists the claims of every live agent (from presence records), checked
against the lease each task carries now. One CLI call is one short-lived agent: a claim made with
\`tasks claim\` is not renewed, it lasts its lease (--lease) unless released or completed, and the
agent's presence lasts as long; a later claim by the same agent id replaces what presence lists.

Examples:
  $ agent-memory tasks
  $ agent-memory tasks claim review-auth --agent alice --lease 10m
  $ agent-memory tasks owner review-auth
  $ agent-memory tasks complete review-auth --agent alice --token 3 --result '{"fixed":true}'
  $ agent-memory tasks release review-auth --agent alice`,
    )
    .action(action(cli, (rt) => listTasks(rt)));

  tasks
    .command('owner <task>')
    .description('who holds a task now, or who completed it')
    .addHelpText('after', '\nExamples:\n  $ agent-memory tasks owner review-auth --json')
    .action(
      action(cli, async (rt, taskId: string) => {
        const memory = await rt.memory();
        const state = await taskState(memory, taskId);
        rt.out.result(state, (_, c) => renderTaskState(state, c));
      }),
    );

  tasks
    .command('claim <task>')
    .description('claim a task for an agent: exclusive, fenced, lasting its lease (exit 1 when taken)')
    .option('--agent <id>', 'claiming agent (default: AGENT_MEMORY_AGENT, else your user)')
    .option('--lease <duration>', 'how long the claim lasts, e.g. 30s, 10m', parseDuration, DEFAULT_LEASE_MS)
    .addHelpText(
      'after',
      `
Prints the fencing token: pass it to \`tasks complete\` / \`tasks release\`.

Examples:
  $ agent-memory tasks claim review-auth --agent alice
  $ TOKEN=$(agent-memory tasks claim review-auth --agent alice --json | jq .token)`,
    )
    .action(
      action(cli, async (rt, taskId: string, options: { agent?: string; lease: number }) => {
        const agentId = resolveAgent(options.agent, rt.io.env);
        // Presence lives three heartbeats: make it last as long as the claim this process leaves behind.
        const heartbeatMs = Math.max(1, Math.ceil(options.lease / 3));
        const memory = await rt.memory({ overrides: { coordination: { heartbeatMs } } });
        const agent = memory.agent(agentId, { role: 'contributor' });
        const claim = await agent.claim(taskId, { leaseMs: options.lease, heartbeat: false });
        if (!claim) {
          const state = await taskState(memory, taskId);
          throw new MemoryError(
            'CONFLICT',
            `cannot claim ${taskId}: it is ${describeTaskState(state, plainColors)}`,
            {
              details: { ...state },
            },
          );
        }
        await agent.join({ via: 'agent-memory-cli' });
        const result = {
          taskId,
          agentId,
          token: claim.token,
          expiresAt: claim.expiresAt,
          leaseMs: options.lease,
        };
        rt.out.result(result, (r, c) => [
          `${c.bold(agentId)} holds ${c.bold(taskId)} with token ${c.bold(String(r.token))}, expires ${formatExpiry(r.expiresAt)}`,
          c.dim(`complete: agent-memory tasks complete ${taskId} --agent ${agentId} --token ${r.token}`),
        ]);
      }),
    );

  tasks
    .command('release <task>')
    .description('hand a claim back before its lease runs out (exit 1 when the agent does not hold it)')
    .option('--agent <id>', 'agent holding the claim (default: AGENT_MEMORY_AGENT, else your user)')
    .option(
      '--token <n>',
      'fencing token of the claim (default: whichever lease the agent holds)',
      parsePositiveInt,
    )
    .addHelpText('after', '\nExamples:\n  $ agent-memory tasks release review-auth --agent alice --token 3')
    .action(
      action(cli, async (rt, taskId: string, options: { agent?: string; token?: number }) => {
        const agentId = resolveAgent(options.agent, rt.io.env);
        const memory = await rt.memory();
        const released = await releaseTask(memory, {
          taskId,
          agentId,
          ...(options.token !== undefined ? { token: options.token } : {}),
        });
        if (!released) {
          const state = await taskState(memory, taskId);
          throw new MemoryError(
            'LEASE_LOST',
            `${agentId} does not hold ${taskId}${options.token ? ` with token ${options.token}` : ''}: it is ${describeTaskState(state, plainColors)}`,
            { details: { ...state } },
          );
        }
        rt.out.result({ taskId, agentId, released: true }, () => `${agentId} released ${taskId}`);
      }),
    );

  tasks
    .command('complete <task>')
    .description('complete a task exactly once, with the fencing token of the claim')
    .option('--agent <id>', 'agent holding the claim (default: AGENT_MEMORY_AGENT, else your user)')
    .requiredOption('--token <n>', 'fencing token printed by `tasks claim`', parsePositiveInt)
    .option('--result <json>', 'result to record (JSON; a bare word is a string)', parseJsonValue)
    .addHelpText(
      'after',
      `
A stale token (someone claimed the task after the lease ran out) is refused with LEASE_LOST;
completing twice is CONFLICT.

Examples:
  $ agent-memory tasks complete review-auth --agent alice --token 3 --result '{"fixed":true}'`,
    )
    .action(
      action(
        cli,
        async (rt, taskId: string, options: { agent?: string; token: number; result?: unknown }) => {
          const agentId = resolveAgent(options.agent, rt.io.env);
          const memory = await rt.memory();
          const completion = await memory
            .agent(agentId, { role: 'contributor' })
            .complete({ taskId, token: options.token }, options.result as JsonValue | undefined);
          rt.out.result(completion, () => `${agentId} completed ${taskId} (token ${options.token})`);
        },
      ),
    );
}

async function listTasks(rt: CommandRuntime): Promise<void> {
  const memory = await rt.memory();
  const agents = await memory.agent(OBSERVER, { role: 'observer' }).agents();
  const held: HeldTask[] = [];
  for (const agent of agents) {
    for (const taskId of agent.holds) {
      // Presence can lag behind a release or a lapsed lease: the lease itself has the last word.
      const owner = await memory.tasks.owner(taskId);
      if (owner && owner.agentId === agent.agentId) held.push({ ...owner, role: agent.role });
    }
  }
  held.sort((a, b) => a.taskId.localeCompare(b.taskId));
  rt.out.result({ tasks: held, agentsAlive: agents.length }, (r, c) =>
    renderHeldTasks(r.tasks, r.agentsAlive, c),
  );
}

async function taskState(memory: Memory, taskId: string): Promise<TaskState> {
  const observer = memory.agent(OBSERVER, { role: 'observer' });
  const [owner, completion] = await Promise.all([memory.tasks.owner(taskId), observer.completion(taskId)]);
  return {
    taskId,
    owner,
    completion: completion
      ? { agentId: completion.agentId, token: completion.token, completedAt: completion.completedAt }
      : null,
  };
}
