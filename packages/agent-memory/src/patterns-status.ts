import { type PatternsConfig, toMemoryError } from '@agent-memory/core';
import type { MemoryStatus } from './status.js';

/**
 * The `patterns` part of a status without opening the pattern store: the committed pattern files
 * and the last commit, read by git alone (no index, no lock, nothing to close). A repository that
 * is missing or not a git work tree is reported as off, with the reason, not thrown.
 */
export async function describePatterns(config: PatternsConfig | false): Promise<MemoryStatus['patterns']> {
  if (config === false) return { enabled: false };
  try {
    const { summarizePatterns } = await import('@agent-memory/git-patterns/summary');
    const summary = await summarizePatterns({ repo: config.repo, dir: config.dir });
    return { enabled: true, count: summary.count, dir: summary.dir, lastCommit: summary.lastCommit };
  } catch (error) {
    return { enabled: false, reason: toMemoryError(error).message };
  }
}
