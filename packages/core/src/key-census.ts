/**
 * Kinds of item the short-term layer stores, as counted by `ShortTermAdapter.countKeys()`. Each
 * backend counts in its own unit (keys on Redis, live rows on SQLite, entries in memory); the kinds
 * are what `agent-memory status` shows for every backend alike.
 */
export const KEY_KINDS = [
  'sessions',
  'windows',
  'leases',
  'fences',
  'findings',
  'streams',
  'records',
  'recordIndexes',
  'vectors',
  'other',
] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** A census with every kind at zero, for adapters to fill. */
export function emptyCensus(): Record<KeyKind, number> {
  return Object.fromEntries(KEY_KINDS.map((kind) => [kind, 0])) as Record<KeyKind, number>;
}
