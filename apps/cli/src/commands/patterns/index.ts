import type { Command } from 'commander';
import type { Cli } from '../../command-runtime.js';
import { registerPatternsAdd } from './add.js';
import { registerPatternsDiff } from './diff.js';
import { registerPatternsExtract } from './extract.js';
import { registerPatternsHistory } from './history.js';
import { registerPatternsImport } from './import.js';
import { registerPatternsInit } from './init.js';
import { registerPatternsList } from './list.js';
import { registerPatternsReindex } from './reindex.js';
import { registerPatternsSearch } from './search.js';
import { registerPatternsShow } from './show.js';
import { registerPatternsSync } from './sync.js';

export function configure(patterns: Command, cli: Cli): void {
  patterns.addHelpText(
    'after',
    `
Patterns live in <repo>/.agent-memory/patterns (repo: --patterns-repo, AGENT_MEMORY_PATTERNS_REPO,
else the current directory), one commit per change, so they are reviewed in pull requests.

Examples:
  $ agent-memory patterns init
  $ agent-memory patterns add --kind bug-fix --title "Trim before comparing passwords" --tag auth
  $ agent-memory patterns search "password compare"`,
  );
  for (const register of [
    registerPatternsInit,
    registerPatternsAdd,
    registerPatternsList,
    registerPatternsSearch,
    registerPatternsShow,
    registerPatternsHistory,
    registerPatternsDiff,
    registerPatternsSync,
    registerPatternsExtract,
    registerPatternsReindex,
    registerPatternsImport,
  ]) {
    register(patterns, cli);
  }
}
