import type { Database } from 'better-sqlite3';
import { HEAD_SEQ } from './list-store.js';

type Key = { ns: string; name: string; kind?: string };

/**
 * Deletes every expired row of the file (all namespaces: any process sweeping helps all), in one
 * IMMEDIATE transaction. Expired rows are already invisible to every read; this only reclaims the
 * space. Children (list items, stream entries, vector items) go with their expired parent row
 * (a list's parent is its head row).
 * Returns how many parent rows were deleted.
 */
export function createSweep(db: Database): (now: number) => number {
  const sql = {
    expiredLists: db.prepare<[number], Key>(
      `SELECT ns, kind, name FROM list_items WHERE seq = ${HEAD_SEQ} AND expires_at <= ?`,
    ),
    list: db.prepare('DELETE FROM list_items WHERE ns = ? AND kind = ? AND name = ?'),
    expiredStreams: db.prepare<[number], Key>('SELECT ns, name FROM streams WHERE expires_at <= ?'),
    streamChildren: ['stream_entries', 'stream_groups', 'stream_pending'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE ns = ? AND name = ?`),
    ),
    expiredVectors: db.prepare<[number], Key>(
      'SELECT ns, collection AS name FROM vector_collections WHERE expires_at <= ?',
    ),
    vectorItems: db.prepare('DELETE FROM vector_items WHERE ns = ? AND collection = ?'),
    parents: [
      'DELETE FROM sessions WHERE expires_at <= ?',
      // a lapsed lease's row stays while it carries the fence (the last token issued)
      'DELETE FROM leases WHERE fence_expires_at <= ?',
      'DELETE FROM records WHERE expires_at <= ?',
      'DELETE FROM streams WHERE expires_at <= ?',
      'DELETE FROM vector_collections WHERE expires_at <= ?',
    ].map((sql) => db.prepare(sql)),
  };

  const sweep = db.transaction((now: number) => {
    let dropped = 0;
    for (const l of sql.expiredLists.all(now)) {
      sql.list.run(l.ns, l.kind, l.name);
      dropped++;
    }
    for (const s of sql.expiredStreams.all(now))
      for (const drop of sql.streamChildren) drop.run(s.ns, s.name);
    for (const v of sql.expiredVectors.all(now)) sql.vectorItems.run(v.ns, v.name);
    for (const drop of sql.parents) dropped += drop.run(now).changes;
    return dropped;
  });
  return (now) => sweep.immediate(now);
}
