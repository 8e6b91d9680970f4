import { MemoryError } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { table } from '../../format/table.js';
import { formatTime } from '../../format/time.js';
import { requirePatterns } from '../../memory-opener.js';

export function registerPatternsHistory(patterns: Command, cli: Cli): void {
  patterns
    .command('history <id>')
    .description('every committed version of a pattern, newest first, with the agent that wrote it')
    .addHelpText(
      'after',
      '\nExamples:\n  $ agent-memory patterns history <id>\n  $ agent-memory patterns history <id> --json',
    )
    .action(
      action(cli, async (rt, id: string) => {
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const versions = await requirePatterns(memory).history(id);
        if (versions.length === 0) {
          throw new MemoryError('NOT_FOUND', `pattern "${id}" has no history`, { details: { id } });
        }
        rt.out.result(versions, (list, c) =>
          table(
            ['COMMIT', 'DATE', 'AUTHOR', 'AGENT', 'MESSAGE'].map((h) => c.bold(h)),
            list.map((v) => [
              v.commit.slice(0, 8),
              formatTime(v.date),
              v.author,
              v.agentId ?? '-',
              v.message,
            ]),
          ),
        );
      }),
    );
}
