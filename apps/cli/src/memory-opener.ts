import {
  createMemory,
  embedderFromEnv,
  loadConfig,
  type Memory,
  type MemoryConfig,
  type MemoryConfigInput,
  MemoryError,
  type MemoryLogger,
} from 'agent-memory';
import type { GlobalOptions } from './global-options.js';

/** What a command needs from memory beyond the short-term layer every command gets. */
export interface MemoryNeeds {
  /** Open the git pattern store (slower; a missing repository warns). Off by default. */
  patterns?: boolean;
  /** Create the patterns repository when missing (`patterns init`). */
  initPatterns?: boolean;
  /**
   * False for commands that only touch long-term patterns: no Redis connection (and no warning when
   * it is down), no snapshot file.
   */
  shortTerm?: boolean;
  /** Settings only this command needs, applied last (e.g. a presence heartbeat as long as a lease). */
  overrides?: Partial<Pick<MemoryConfigInput, 'coordination' | 'redis'>>;
}

export interface ConfigSources {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Config as agent-memory reads it (defaults, file, environment), then the global options on top.
 * Without Redis every call opens the embedded SQLite file in the data home, shared by every process.
 */
export async function loadCliConfig(
  globals: GlobalOptions,
  needs: MemoryNeeds,
  sources: ConfigSources,
): Promise<MemoryConfig> {
  const overrides: MemoryConfigInput = {
    ...(globals.redis !== undefined ? { redis: globals.redis } : {}),
    ...(globals.namespace !== undefined ? { namespace: globals.namespace } : {}),
    ...(globals.backend !== undefined ? { backend: globals.backend } : {}),
    ...(globals.local ? { forceLocal: true } : {}),
    ...(globals.patternsRepo !== undefined ? { patterns: { repo: globals.patternsRepo } } : {}),
    ...(needs.overrides ?? {}),
  };
  const config = await loadConfig({
    cwd: sources.cwd,
    env: sources.env,
    overrides,
    ...(globals.config !== undefined ? { file: globals.config } : {}),
  });
  if (needs.shortTerm === false) {
    // patterns-only commands open nothing shared: no server, no file
    config.backend = 'memory';
    config.forceLocal = false;
    config.redis = undefined;
    config.local.snapshotPath = undefined;
  }
  if (!needs.patterns) config.patterns = false;
  else if (needs.initPatterns && config.patterns !== false) config.patterns.init = true;
  return config;
}

export async function openMemory(
  config: MemoryConfig,
  logger: MemoryLogger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Memory> {
  // AGENT_MEMORY_EMBEDDINGS_URL (+ _MODEL, _DIMENSIONS, _API_KEY) picks an OpenAI-compatible embedder.
  return createMemory(config, { logger, embedder: embedderFromEnv(env), env });
}

/** The pattern store, or NOT_FOUND saying why it is off and how to turn it on. */
export function requirePatterns(memory: Memory): NonNullable<Memory['patterns']> {
  if (memory.patterns) return memory.patterns;
  const why = memory.patternsError ?? 'they are turned off (patterns: false or AGENT_MEMORY_PATTERNS=off)';
  throw new MemoryError(
    'NOT_FOUND',
    `long-term patterns are not available: ${why}. Run \`agent-memory patterns init\` or pass --patterns-repo <git repo>.`,
  );
}
