import { type PatternFilter, PatternKindSchema } from 'agent-memory';
import { type Command, Option } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { renderHits } from '../../format/pattern-view.js';
import { requirePatterns } from '../../memory-opener.js';
import { parsePositiveInt } from '../../option-parsers.js';

interface SearchOptions {
  kind?: PatternFilter['kind'];
  tag?: string;
  file?: string;
  limit: number;
}

export function registerPatternsSearch(patterns: Command, cli: Cli): void {
  patterns
    .command('search <query...>')
    .description('full-text search over titles, summaries, bodies, tags and files, best first')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(PatternKindSchema.options))
    .option('--tag <tag>', 'only patterns with this tag')
    .option('--file <path>', 'only patterns about this file')
    .option('--limit <n>', 'at most this many hits', parsePositiveInt, 10)
    .addHelpText(
      'after',
      '\nExamples:\n  $ agent-memory patterns search login password\n  $ agent-memory patterns search "race condition" --kind bug-fix --json',
    )
    .action(
      action(cli, async (rt, words: string[], options: SearchOptions) => {
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const hits = await requirePatterns(memory).search(words.join(' '), {
          limit: options.limit,
          ...(options.kind !== undefined ? { kind: options.kind } : {}),
          ...(options.tag !== undefined ? { tag: options.tag } : {}),
          ...(options.file !== undefined ? { file: options.file } : {}),
        });
        rt.out.result(hits, (list, c) => renderHits(list, c));
      }),
    );
}
