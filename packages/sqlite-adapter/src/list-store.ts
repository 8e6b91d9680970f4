import type { SqliteContext } from './context.js';

/** Which lists a ListStore holds: conversation windows or findings per task. */
export type ListKind = 'w' | 'f';

/**
 * Capped lists of JSON texts with a TTL on the whole list (Redis LPUSH + LTRIM + PEXPIRE): the
 * storage under ConversationWindow and FindingLog. Items are numbered in the order they were
 * pushed; a push appends, trims the oldest past `maxLength` and resets the TTL in one IMMEDIATE
 * transaction. Reads are single statements, so each sees one consistent state of the list.
 */
export interface ListStore {
  push(name: string, items: string[], ttlMs: number, now: number): void;
  /** Up to `count` items, newest first (`count` -1: all). */
  newest(name: string, count: number, now: number): string[];
  /** Every item, oldest first. */
  oldest(name: string, now: number): string[];
  length(name: string, now: number): number;
  clear(name: string): void;
}

interface Head {
  next_seq: number;
  expires_at: number;
}

export function createListStore(ctx: SqliteContext, kind: ListKind, maxLength: number): ListStore {
  const { db, ns } = ctx;
  const live = 'l.ns = i.ns AND l.kind = i.kind AND l.name = i.name AND l.expires_at > ?';
  const sql = {
    head: db.prepare<[string, string, string], Head>(
      'SELECT next_seq, expires_at FROM lists WHERE ns = ? AND kind = ? AND name = ?',
    ),
    setHead: db.prepare(
      'INSERT OR REPLACE INTO lists (ns, kind, name, next_seq, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    dropHead: db.prepare('DELETE FROM lists WHERE ns = ? AND kind = ? AND name = ?'),
    add: db.prepare('INSERT INTO list_items (ns, kind, name, seq, value) VALUES (?, ?, ?, ?, ?)'),
    trim: db.prepare('DELETE FROM list_items WHERE ns = ? AND kind = ? AND name = ? AND seq < ?'),
    dropItems: db.prepare('DELETE FROM list_items WHERE ns = ? AND kind = ? AND name = ?'),
    newest: db
      .prepare<[number, string, string, string, number], string>(
        `SELECT i.value FROM list_items i JOIN lists l ON ${live}
         WHERE i.ns = ? AND i.kind = ? AND i.name = ? ORDER BY i.seq DESC LIMIT ?`,
      )
      .pluck(),
    oldest: db
      .prepare<[number, string, string, string], string>(
        `SELECT i.value FROM list_items i JOIN lists l ON ${live}
         WHERE i.ns = ? AND i.kind = ? AND i.name = ? ORDER BY i.seq`,
      )
      .pluck(),
    length: db
      .prepare<[number, string, string, string], number>(
        `SELECT count(*) FROM list_items i JOIN lists l ON ${live}
         WHERE i.ns = ? AND i.kind = ? AND i.name = ?`,
      )
      .pluck(),
  };

  const pushTx = db.transaction((name: string, items: string[], ttlMs: number, now: number) => {
    const head = sql.head.get(ns, kind, name);
    let seq = 0;
    if (head && head.expires_at > now) seq = head.next_seq;
    // an expired list the sweep has not reached yet: its items are gone, a new list starts
    else if (head) sql.dropItems.run(ns, kind, name);
    for (const item of items) sql.add.run(ns, kind, name, seq++, item);
    if (seq > maxLength) sql.trim.run(ns, kind, name, seq - maxLength);
    sql.setHead.run(ns, kind, name, seq, now + ttlMs);
  });

  const clearTx = db.transaction((name: string) => {
    sql.dropItems.run(ns, kind, name);
    sql.dropHead.run(ns, kind, name);
  });

  return {
    push: (name, items, ttlMs, now) => pushTx.immediate(name, items, ttlMs, now),
    newest: (name, count, now) => sql.newest.all(now, ns, kind, name, count),
    oldest: (name, now) => sql.oldest.all(now, ns, kind, name),
    length: (name, now) => sql.length.get(now, ns, kind, name) ?? 0,
    clear: (name) => clearTx.immediate(name),
  };
}
