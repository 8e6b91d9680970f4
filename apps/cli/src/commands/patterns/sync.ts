import type { Command } from 'commander';
import { action, type Cli } from '../../command-runtime.js';
import { requirePatterns } from '../../memory-opener.js';

export function registerPatternsSync(patterns: Command, cli: Cli): void {
  patterns
    .command('sync')
    .description('pull (rebase) patterns from the remote, keep both sides of conflicting edits, push')
    .addHelpText(
      'after',
      `
Remote and branch come from patterns.remote / patterns.branch (AGENT_MEMORY_PATTERNS_REMOTE), else
origin and the current branch.

Examples:
  $ agent-memory patterns sync
  $ AGENT_MEMORY_PATTERNS_REMOTE=upstream agent-memory patterns sync --json`,
    )
    .action(
      action(cli, async (rt) => {
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const result = await requirePatterns(memory).sync();
        rt.out.result(result, (r, c) => [
          `synced with ${r.remote}/${r.branch}: pulled ${r.pulled}, pushed ${r.pushed}${r.head ? `, now at ${r.head.slice(0, 8)}` : ''}`,
          ...r.conflicts.map(
            (conflict) =>
              `  ${c.yellow('conflict')} ${conflict.id}: ${conflict.resolution}${conflict.localCopyId ? ` (local edit saved as ${conflict.localCopyId})` : ''}`,
          ),
        ]);
      }),
    );
}
