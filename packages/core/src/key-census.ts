import type { Keyspace } from './keys.js';

/** Kinds of key the short-term layer writes, as counted by `ShortTermAdapter.countKeys()`. */
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

/** Which kind of protocol key `key` (a key under the namespace) is. */
export function kindOfKey(keys: Keyspace, key: string): KeyKind {
  const local = key.slice(keys.namespace.length + 1);
  if (local.startsWith('session:')) return 'sessions';
  if (local.startsWith('memory:') && local.endsWith(':messages')) return 'windows';
  if (local.startsWith('task:{')) {
    if (local.endsWith('}:owner')) return 'leases';
    if (local.endsWith('}:fence')) return 'fences';
    if (local.endsWith('}:findings')) return 'findings';
    return 'other';
  }
  if (local.startsWith('stream:{') && local.endsWith('}')) return 'streams';
  if (local.startsWith('rec:{')) return local.endsWith('}') ? 'recordIndexes' : 'records';
  if (local.startsWith('vec:{')) return 'vectors';
  return 'other';
}

export function emptyCensus(): Record<KeyKind, number> {
  return Object.fromEntries(KEY_KINDS.map((kind) => [kind, 0])) as Record<KeyKind, number>;
}
