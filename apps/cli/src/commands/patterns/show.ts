import { MemoryError } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { renderPattern } from '../../format/pattern-view.js';
import { requirePatterns } from '../../memory-opener.js';

export function registerPatternsShow(patterns: Command, cli: Cli): void {
  patterns
    .command('show <id>')
    .description('print one pattern, as it is now or as of a commit')
    .option('--at <commit>', 'as of this commit, branch, tag or HEAD~n')
    .addHelpText(
      'after',
      '\nExamples:\n  $ agent-memory patterns show trim-before-compare-01jd…\n  $ agent-memory patterns show <id> --at HEAD~3',
    )
    .action(
      action(cli, async (rt, id: string, options: { at?: string }) => {
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const store = requirePatterns(memory);
        const found = options.at !== undefined ? await store.at(id, options.at) : await store.get(id);
        if (!found) {
          throw new MemoryError(
            'NOT_FOUND',
            `no pattern "${id}"${options.at !== undefined ? ` at ${options.at}` : ''}`,
            {
              details: { id },
            },
          );
        }
        rt.out.result(found, (p, c) => renderPattern(p, c));
      }),
    );
}
