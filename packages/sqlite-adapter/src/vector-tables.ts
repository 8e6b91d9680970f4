import { MemoryError, type VectorAttributes } from '@agent-memory/core';
import type { SqliteContext } from './context.js';

export interface CollectionRow {
  gen: number;
  dim: number;
  rev: number;
  ttl_ms: number;
  expires_at: number;
}

export interface ItemRow {
  id: string;
  vector: Buffer;
  attributes: string;
}

/** What a mirror needs to catch up: the collection row, the ids it holds, the items written since. */
export interface Changes {
  row: CollectionRow;
  ids: string[];
  changed: ItemRow[];
}

/** An item as upsert stores it: the vector as float32 bytes, attributes as JSON. */
export interface EncodedItem {
  id: string;
  vector: Buffer;
  attributes: string;
}

/** Float32 little-endian bytes, the layout Redis' adapter stores too. */
export function encodeVector(vector: ArrayLike<number>): Buffer {
  const floats = Float32Array.from(vector as ArrayLike<number>);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
}

export function decodeVector(bytes: Buffer, dim: number, file: string): Float32Array {
  if (bytes.byteLength !== dim * 4) {
    throw new MemoryError(
      'CORRUPT_DATA',
      `${file}: a stored vector has ${bytes.byteLength} bytes, not ${dim * 4}`,
    );
  }
  // copied into a fresh, aligned buffer: the row's bytes may sit at any offset
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export const decodeAttributes = (json: string): VectorAttributes => JSON.parse(json) as VectorAttributes;

/**
 * The SQL of vector collections: a collection row (dimension, generation, revision, expiry) and
 * its items. Every write bumps the revision in the same transaction, so a mirror that knows
 * (gen, rev) knows whether it is current.
 */
export function createVectorTables(ctx: SqliteContext) {
  const { db, ns } = ctx;
  const key = 'ns = ? AND collection = ?';
  const sql = {
    collection: db.prepare<[string, string], CollectionRow>(
      `SELECT gen, dim, rev, ttl_ms, expires_at FROM vector_collections WHERE ${key}`,
    ),
    create: db.prepare(
      'INSERT INTO vector_collections (ns, collection, dim, rev, ttl_ms, expires_at) VALUES (?, ?, ?, 0, ?, ?)',
    ),
    touch: db.prepare(
      `UPDATE vector_collections SET rev = rev + 1, ttl_ms = ?, expires_at = ? WHERE ${key} RETURNING rev`,
    ),
    dropCollection: db.prepare(`DELETE FROM vector_collections WHERE ${key}`),
    dropItems: db.prepare(`DELETE FROM vector_items WHERE ${key}`),
    put: db.prepare(
      `INSERT OR REPLACE INTO vector_items (ns, collection, id, vector, attributes, rev)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    remove: db.prepare(`DELETE FROM vector_items WHERE ${key} AND id = ?`),
    count: db.prepare<[string, string], number>(`SELECT count(*) FROM vector_items WHERE ${key}`).pluck(),
    item: db.prepare<[string, string, string], ItemRow>(
      `SELECT id, vector, attributes FROM vector_items WHERE ${key} AND id = ?`,
    ),
    entries: db.prepare<[string, string], { id: string; attributes: string }>(
      `SELECT id, attributes FROM vector_items WHERE ${key} ORDER BY id`,
    ),
    ids: db.prepare<[string, string], string>(`SELECT id FROM vector_items WHERE ${key}`).pluck(),
    changed: db.prepare<[string, string, number], ItemRow>(
      `SELECT id, vector, attributes FROM vector_items WHERE ${key} AND rev > ?`,
    ),
  };

  const live = (collection: string, now: number): CollectionRow | undefined => {
    const row = sql.collection.get(ns, collection);
    return row && row.expires_at > now ? row : undefined;
  };

  const drop = (collection: string) => {
    sql.dropItems.run(ns, collection);
    sql.dropCollection.run(ns, collection);
  };

  const upsert = db.transaction(
    (collection: string, items: EncodedItem[], dim: number, ttlMs: number, now: number) => {
      let current = live(collection, now);
      if (!current) {
        drop(collection);
        sql.create.run(ns, collection, dim, ttlMs, now + ttlMs);
        current = sql.collection.get(ns, collection)!;
      } else if (current.dim !== dim) {
        return current.dim;
      }
      const { rev } = sql.touch.get(ttlMs, now + ttlMs, ns, collection) as { rev: number };
      for (const item of items) sql.put.run(ns, collection, item.id, item.vector, item.attributes, rev);
      return dim;
    },
  );

  const remove = db.transaction((collection: string, ids: string[], now: number) => {
    const current = live(collection, now);
    if (!current) return 0;
    let removed = 0;
    for (const id of ids) removed += sql.remove.run(ns, collection, id).changes;
    if (sql.count.get(ns, collection) === 0) drop(collection);
    else sql.touch.get(current.ttl_ms, now + current.ttl_ms, ns, collection);
    return removed;
  });

  const dropLive = db.transaction((collection: string, now: number) => {
    const existed = live(collection, now) !== undefined;
    drop(collection);
    return existed;
  });

  // reads of several statements run in one (deferred) transaction, so they see one state of the file
  const itemTx = db.transaction((collection: string, id: string, now: number) => {
    const row = live(collection, now);
    const item = row && sql.item.get(ns, collection, id);
    return item ? { ...item, dim: row.dim } : undefined;
  });
  const entriesTx = db.transaction((collection: string, now: number) =>
    live(collection, now) ? sql.entries.all(ns, collection) : [],
  );
  const countTx = db.transaction((collection: string, now: number) =>
    live(collection, now) ? (sql.count.get(ns, collection) ?? 0) : 0,
  );
  const changesTx = db.transaction((collection: string, rev: number, now: number): Changes | undefined => {
    const row = live(collection, now);
    if (!row) return undefined;
    return { row, ids: sql.ids.all(ns, collection), changed: sql.changed.all(ns, collection, rev) };
  });

  return {
    live,
    /** Writes the items; returns the collection's dimension (another one than `dim`: nothing written). */
    upsert: (collection: string, items: EncodedItem[], dim: number, ttlMs: number, now: number): number =>
      upsert.immediate(collection, items, dim, ttlMs, now),
    remove: (collection: string, ids: string[], now: number): number =>
      remove.immediate(collection, ids, now),
    drop: (collection: string, now: number): boolean => dropLive.immediate(collection, now),
    /** The item and its collection's dimension, or undefined. */
    item: (collection: string, id: string, now: number): (ItemRow & { dim: number }) | undefined =>
      itemTx(collection, id, now),
    entries: (collection: string, now: number): { id: string; attributes: string }[] =>
      entriesTx(collection, now),
    count: (collection: string, now: number): number => countTx(collection, now),
    /** Ids present now and items written after `rev`, read in one transaction with the collection row. */
    changes: (collection: string, rev: number, now: number): Changes | undefined =>
      changesTx(collection, rev, now),
  };
}

export type VectorTables = ReturnType<typeof createVectorTables>;
