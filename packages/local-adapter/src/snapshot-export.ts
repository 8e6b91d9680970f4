import type { JsonObject } from '@agent-memory/core';
import { createLocalBackend } from './backend.js';
import { loadSnapshot } from './snapshot.js';

/**
 * What a snapshot holds for one namespace, in port terms, so another backend can import it through
 * its own ports. Leases and fencing counters are left out: their holders were processes of the
 * snapshot's past, and no one can present their tokens to the new store.
 */
export type SnapshotItem =
  | {
      kind: 'session';
      id: string;
      userId: string;
      project: string;
      context: JsonObject;
      fields: Record<string, string>;
      ttlMs: number;
    }
  /** Oldest message first. */
  | { kind: 'window'; userId: string; messages: JsonObject[]; ttlMs: number }
  /** Oldest finding first. */
  | { kind: 'findings'; taskId: string; findings: JsonObject[]; ttlMs: number }
  /** Entry data oldest first; ids are reissued by the importing log. */
  | { kind: 'log'; stream: string; entries: JsonObject[] }
  | { kind: 'record'; collection: string; id: string; value: JsonObject; ttlMs: number };

/**
 * The live content of `namespace` in a local snapshot file (none when the file is missing);
 * CORRUPT_DATA when the file cannot be read back. Key names are this adapter's own layout.
 */
export function readSnapshotItems(path: string, namespace: string, now = Date.now()): SnapshotItem[] {
  const backend = createLocalBackend({ clock: { now: () => now } });
  loadSnapshot(path, backend, namespace);
  const prefix = `${namespace}:`;
  const items: SnapshotItem[] = [];
  for (const [key, entry] of backend.liveEntries(prefix, now)) {
    const local = key.slice(prefix.length);
    const ttlMs = entry.expiresAt - now;
    if (entry.kind === 'session' && local.startsWith('session:')) {
      const { userId, project, context, fields } = entry;
      items.push({
        kind: 'session',
        id: local.slice('session:'.length),
        userId,
        project,
        context,
        fields,
        ttlMs,
      });
    } else if (entry.kind === 'list' && local.startsWith('memory:') && local.endsWith(':messages')) {
      const userId = local.slice('memory:'.length, -':messages'.length);
      items.push({ kind: 'window', userId, messages: [...entry.items].reverse(), ttlMs });
    } else if (entry.kind === 'list' && local.startsWith('task:{') && local.endsWith('}:findings')) {
      const taskId = local.slice('task:{'.length, -'}:findings'.length);
      items.push({ kind: 'findings', taskId, findings: [...entry.items], ttlMs });
    } else if (entry.kind === 'stream' && local.startsWith('stream:{')) {
      items.push({
        kind: 'log',
        stream: local.slice('stream:{'.length, -1),
        entries: entry.rows.map((r) => r.data),
      });
    } else if (entry.kind === 'collection' && local.startsWith('rec:{')) {
      const collection = local.slice('rec:{'.length, -1);
      for (const [id, row] of entry.records) {
        if (row.expiresAt > now)
          items.push({ kind: 'record', collection, id, value: row.value, ttlMs: row.expiresAt - now });
      }
    }
  }
  return items;
}
