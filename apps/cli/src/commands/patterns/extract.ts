import type { Command } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { table } from '../../format/table.js';
import { requirePatterns } from '../../memory-opener.js';
import { parseInstant, parsePositiveInt } from '../../option-parsers.js';
import { saveInBatches } from '../../pattern-batches.js';

interface ExtractOptions {
  since?: string;
  maxCommits?: number;
  limit?: number;
  author?: string;
  save?: boolean;
  message?: string;
}

export function registerPatternsExtract(patterns: Command, cli: Cli): void {
  patterns
    .command('extract')
    .description(
      "propose bug-fix patterns from the repository's own git history (fix: commits, fixes #123, …)",
    )
    .option('--since <time>', 'only commits since: ISO time or an age like 90d', (v) => parseInstant(v))
    .option('--max-commits <n>', 'how many commits to read, newest first (default 1000)', parsePositiveInt)
    .option('--limit <n>', 'at most this many candidates (default 100)', parsePositiveInt)
    .option('--author <id>', 'author written on the candidates (default git-history)')
    .option('--save', 'save the candidates as patterns (one commit per batch); otherwise only list them')
    .option('--message <text>', 'note added to the commit message when saving')
    .addHelpText(
      'after',
      `
Commits an existing pattern already links to (commit:<sha>) are skipped, so running it again only
proposes what is new.

Examples:
  $ agent-memory patterns extract --since 90d
  $ agent-memory patterns extract --limit 20 --save`,
    )
    .action(
      action(cli, async (rt, options: ExtractOptions) => {
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const store = requirePatterns(memory);
        rt.out.note('reading git history…');
        const candidates = await store.extract({
          ...(options.since !== undefined ? { since: options.since } : {}),
          ...(options.maxCommits !== undefined ? { maxCommits: options.maxCommits } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(options.author !== undefined ? { author: options.author } : {}),
        });
        const saved = options.save
          ? await saveInBatches(
              store,
              candidates.map((candidate) => candidate.input),
              {
                message: options.message ?? `extract ${candidates.length} bug-fix patterns from git history`,
              },
              rt.out,
              'saving',
            )
          : [];
        rt.out.result({ candidates, saved: saved.map((p) => p.id) }, (r, c) => [
          ...(r.candidates.length === 0
            ? [c.dim('no new bug-fix commits found')]
            : table(
                ['COMMIT', 'REASON', 'TITLE'].map((h) => c.bold(h)),
                r.candidates.map((cand) => [cand.commit.slice(0, 8), cand.reason, cand.input.title]),
              )),
          ...(options.save
            ? [`saved ${r.saved.length} patterns`]
            : r.candidates.length > 0
              ? [c.dim('add --save to keep them as patterns')]
              : []),
        ]);
      }),
    );
}
