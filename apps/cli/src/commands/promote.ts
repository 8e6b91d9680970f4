import type { Candidate } from 'agent-memory';
import { type Command, Option } from 'commander';
import { action, type Cli, type CommandRuntime } from '../command-runtime.js';
import { resolveAgent } from '../default-user.js';
import { table } from '../format/table.js';
import { formatTime } from '../format/time.js';

interface PromoteOptions {
  by?: string;
  message?: string;
  reject?: string;
  task?: string;
  state: 'staged' | 'promoting' | 'promoted' | 'rejected' | 'all';
}

export function configure(command: Command, cli: Cli): void {
  command
    .argument('[candidate]')
    .option('--by <agent>', 'validator deciding (default: AGENT_MEMORY_AGENT, else your user)')
    .option('--message <text>', 'commit message of the new pattern')
    .option('--reject <reason>', 'reject the candidate instead, saying why')
    .option('--task <id>', 'when listing: only candidates of this task')
    .addOption(
      new Option('--state <state>', 'when listing: which candidates')
        .choices(['staged', 'promoting', 'promoted', 'rejected', 'all'])
        .default('staged'),
    )
    .addHelpText(
      'after',
      `
Agents stage candidates from findings they agree on; a validator promotes each one exactly once
(a second promotion, by anyone, is CONFLICT). The pattern is committed to the patterns repository.

Examples:
  $ agent-memory promote                                   # staged candidates
  $ agent-memory promote cand-5f0c… --by lead-reviewer --message "agreed in review"
  $ agent-memory promote cand-5f0c… --by lead-reviewer --reject "not reproducible"`,
    )
    .action(
      action(cli, async (rt, candidateId: string | undefined, options: PromoteOptions) => {
        if (candidateId === undefined) return listCandidates(rt, options);
        const by = resolveAgent(options.by, rt.io.env);
        if (options.reject !== undefined) {
          const memory = await rt.memory();
          const rejected = await memory
            .agent(by, { role: 'validator' })
            .reject(candidateId, { reason: options.reject });
          rt.out.result(rejected, (r) => `${by} rejected ${r.id}: ${options.reject}`);
          return;
        }
        const memory = await rt.memory({ patterns: true });
        // The facade's promote acts through this handle, so it must carry the validator role.
        memory.agent(by, { role: 'validator' });
        const promotion = await memory.promote(candidateId, {
          by,
          ...(options.message !== undefined ? { message: options.message } : {}),
        });
        rt.out.result(promotion, (p, c) => [
          `${by} promoted ${p.candidate.id} into pattern ${c.bold(p.pattern.id)}`,
          `${p.pattern.kind}: ${p.pattern.title}`,
        ]);
      }),
    );
}

async function listCandidates(rt: CommandRuntime, options: PromoteOptions): Promise<void> {
  const memory = await rt.memory();
  const candidates = await memory.agent('agent-memory-cli', { role: 'observer' }).candidates({
    state: options.state,
    ...(options.task !== undefined ? { taskId: options.task } : {}),
  });
  rt.out.result(candidates, (list, c) => renderCandidates(list, c.bold, c.dim));
}

function renderCandidates(
  list: Candidate[],
  bold: (s: string) => string,
  dim: (s: string) => string,
): string[] {
  if (list.length === 0) return [dim('no candidates')];
  return table(
    ['ID', 'STATE', 'TASK', 'STAGED', 'AGENTS', 'TITLE'].map(bold),
    list.map((cand) => [
      cand.id,
      cand.state,
      cand.taskId,
      formatTime(cand.stagedAt),
      cand.agents.join(','),
      cand.pattern.title,
    ]),
  );
}
