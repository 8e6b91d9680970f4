import type { Command } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { requirePatterns } from '../../memory-opener.js';

export function registerPatternsInit(patterns: Command, cli: Cli): void {
  patterns
    .command('init')
    .description('make the patterns repository usable: git init it when it is not a repository yet')
    .addHelpText(
      'after',
      '\nExamples:\n  $ agent-memory patterns init\n  $ agent-memory patterns init --patterns-repo ~/team-patterns',
    )
    .action(
      action(cli, async (rt) => {
        const memory = await rt.memory({ patterns: true, initPatterns: true, shortTerm: false });
        const store = requirePatterns(memory);
        const count = (await store.list({ includeSuperseded: true })).length;
        rt.out.result({ root: store.root, dir: store.dir, patterns: count }, (r) => [
          `patterns repository ready at ${r.root}`,
          `patterns folder ${r.dir} (${r.patterns} patterns)`,
        ]);
      }),
    );
}
