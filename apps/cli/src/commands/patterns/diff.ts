import type { Command } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { requirePatterns } from '../../memory-opener.js';

export function registerPatternsDiff(patterns: Command, cli: Cli): void {
  patterns
    .command('diff <id> <from> [to]')
    .description('what changed in a pattern between two commits (to defaults to HEAD)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ agent-memory patterns diff <id> HEAD~2\n  $ agent-memory patterns diff <id> 3f2c1a9 main --json',
    )
    .action(
      action(cli, async (rt, id: string, from: string, to: string | undefined) => {
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const diff = await requirePatterns(memory).diff(id, from, to);
        rt.out.result(diff, (d, c) => [
          c.bold(`${d.id}: ${d.from.slice(0, 8)}..${d.to.slice(0, 8)}`),
          ...(d.changes.length > 0
            ? d.changes.map((change) => `  ${c.yellow(String(change.field))} changed`)
            : [c.dim('  no changes')]),
          ...(d.patch ? ['', d.patch.trimEnd()] : []),
        ]);
      }),
    );
}
