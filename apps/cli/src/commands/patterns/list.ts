import { type PatternFilter, PatternKindSchema } from 'agent-memory';
import { type Command, Option } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { renderPatternTable } from '../../format/pattern-view.js';
import { requirePatterns } from '../../memory-opener.js';
import { parseInstant, parsePositiveInt } from '../../option-parsers.js';

interface ListOptions {
  kind?: PatternFilter['kind'];
  tag?: string;
  file?: string;
  author?: string;
  since?: string;
  limit?: number;
  all?: boolean;
}

export function registerPatternsList(patterns: Command, cli: Cli): void {
  patterns
    .command('list')
    .description('list patterns, most recently updated first')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(PatternKindSchema.options))
    .option('--tag <tag>', 'only patterns with this tag')
    .option('--file <path>', 'only patterns about this file')
    .option('--author <id>', 'only patterns by this author')
    .option('--since <time>', 'updated since: ISO time or an age like 7d', (v) => parseInstant(v))
    .option('--limit <n>', 'at most this many', parsePositiveInt)
    .option('--all', 'include superseded patterns')
    .addHelpText(
      'after',
      '\nExamples:\n  $ agent-memory patterns list --kind bug-fix --since 30d\n  $ agent-memory patterns list --file src/auth.ts --json',
    )
    .action(
      action(cli, async (rt, options: ListOptions) => {
        const filter: PatternFilter = {
          ...(options.kind !== undefined ? { kind: options.kind } : {}),
          ...(options.tag !== undefined ? { tag: options.tag } : {}),
          ...(options.file !== undefined ? { file: options.file } : {}),
          ...(options.author !== undefined ? { author: options.author } : {}),
          ...(options.since !== undefined ? { since: options.since } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(options.all ? { includeSuperseded: true } : {}),
        };
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const found = await requirePatterns(memory).list(filter);
        rt.out.result(found, (list, c) => renderPatternTable(list, c));
      }),
    );
}
