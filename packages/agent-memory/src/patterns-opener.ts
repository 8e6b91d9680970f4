import { type PatternsConfig, toMemoryError } from '@agent-memory/core';
import type { GitPatternStore } from '@agent-memory/git-patterns';
import type { MemoryLogger } from './logger.js';

export type PatternsChoice = { store: GitPatternStore; error?: undefined } | { store: null; error?: string };

/**
 * Opens the long-term layer. A missing repository is not fatal for the short-term layer: memory
 * starts, `patterns` is null, and status/CLI say how to create one.
 */
export async function openPatterns(
  config: PatternsConfig | false,
  logger: MemoryLogger,
): Promise<PatternsChoice> {
  if (config === false) return { store: null };
  try {
    // git, YAML and the full-text index load only for memory that has patterns turned on.
    const { createGitPatternStore } = await import('@agent-memory/git-patterns');
    const store = await createGitPatternStore({
      repo: config.repo,
      dir: config.dir,
      secrets: config.secrets,
      init: config.init,
      ...(config.remote ? { remote: config.remote } : {}),
      ...(config.branch ? { branch: config.branch } : {}),
      onRedaction: (r) =>
        logger.warn({ redaction: r }, 'redacted sensitive content before writing a pattern'),
    });
    return { store };
  } catch (error) {
    const reason = toMemoryError(error).message;
    logger.warn(
      { repo: config.repo },
      `long-term patterns are off: ${reason}. Point AGENT_MEMORY_PATTERNS_REPO at a git repository, ` +
        'or run `agent-memory patterns init`.',
    );
    return { store: null, error: reason };
  }
}
