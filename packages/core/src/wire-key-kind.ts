import type { KeyKind } from './key-census.js';
import type { Keyspace } from './keys.js';

/**
 * Redis protocol helper: which kind a key of the wire layout (docs/protocol.md) is. Only backends
 * that store the Redis key layout (the Redis adapter, and the in-memory adapter that mirrors it)
 * use this; other backends count their own rows.
 */
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
