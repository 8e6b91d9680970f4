import type { Database } from 'better-sqlite3';

type Key = { ns: string; name: string; kind?: string };

/**
 * Deletes every expired row of the file (all namespaces: any process sweeping helps all), in one
 * IMMEDIATE transaction. Expired rows are already invisible to every read; this only reclaims the
 * space. Children (list items, stream entries, vector items) go with their expired parent row.
 * Returns how many parent rows were deleted.
 */
export function createSweep(db: Database): (now: number) => number {
  const sql = {
    expiredLists: db.prepare<[number], Key>('SELECT ns, kind, name FROM lists WHERE expires_at <= ?'),
    listItems: db.prepare('DELETE FROM list_items WHERE ns = ? AND kind = ? AND name = ?'),
    expiredStreams: db.prepare<[number], Key>('SELECT ns, name FROM streams WHERE expires_at <= ?'),
    streamChildren: ['stream_entries', 'stream_groups', 'stream_pending'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE ns = ? AND name = ?`),
    ),
    expiredVectors: db.prepare<[number], Key>(
      'SELECT ns, collection AS name FROM vector_collections WHERE expires_at <= ?',
    ),
    vectorItems: db.prepare('DELETE FROM vector_items WHERE ns = ? AND collection = ?'),
    parents: ['sessions', 'lists', 'leases', 'fences', 'records', 'streams', 'vector_collections'].map(
      (table) => db.prepare(`DELETE FROM ${table} WHERE expires_at <= ?`),
    ),
  };

  const sweep = db.transaction((now: number) => {
    for (const l of sql.expiredLists.all(now)) sql.listItems.run(l.ns, l.kind, l.name);
    for (const s of sql.expiredStreams.all(now)) for (const drop of sql.streamChildren) drop.run(s.ns, s.name);
    for (const v of sql.expiredVectors.all(now)) sql.vectorItems.run(v.ns, v.name);
    let dropped = 0;
    for (const drop of sql.parents) dropped += drop.run(now).changes;
    return dropped;
  });
  return (now) => sweep.immediate(now);
}
