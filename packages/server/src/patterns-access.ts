import type { GitPatternStore, Memory } from 'agent-memory';
import { MemoryError } from 'agent-memory';

/** The long-term store, or NOT_FOUND saying why it is off (no repository configured or reachable). */
export function requirePatterns(memory: Memory): GitPatternStore {
  if (memory.patterns) return memory.patterns;
  throw new MemoryError(
    'NOT_FOUND',
    `long-term patterns are off (${memory.patternsError ?? 'disabled in config'})`,
    { details: { layer: 'patterns' } },
  );
}
