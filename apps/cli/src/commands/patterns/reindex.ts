import type { Command } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { requirePatterns } from '../../memory-opener.js';

export function registerPatternsReindex(patterns: Command, cli: Cli): void {
  patterns
    .command('reindex')
    .description('re-read every pattern file (after editing files by hand); lists unreadable ones')
    .addHelpText('after', '\nExamples:\n  $ agent-memory patterns reindex')
    .action(
      action(cli, async (rt) => {
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        rt.out.note('re-reading every pattern file…');
        const result = await requirePatterns(memory).reindex();
        rt.out.result(result, (r, c) => [
          `indexed ${r.patterns} patterns`,
          ...r.corrupt.map((file) => `  ${c.red('unreadable')} ${file}`),
        ]);
        if (result.corrupt.length > 0) rt.exitCode = 1;
      }),
    );
}
