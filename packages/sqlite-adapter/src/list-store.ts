import type { SqliteContext } from './context.js';

/** Which lists a ListStore holds: conversation windows or findings per task. */
export type ListKind = 'w' | 'f';

/** The seq of a list's head row: after every item, so the newest item and the head share a page. */
export const HEAD_SEQ = Number.MAX_SAFE_INTEGER;

/**
 * Capped lists of JSON texts with a TTL on the whole list (Redis LPUSH + LTRIM + PEXPIRE): the
 * storage under ConversationWindow and FindingLog. Items are numbered in the order they were
 * pushed; a push appends, trims the oldest past `maxLength` and resets the TTL in one IMMEDIATE
 * transaction. Reads must run in ctx.read (one snapshot for the list head and its items).
 */
export interface ListStore {
  push(name: string, items: string[], ttlMs: number, now: number): void;
  /** Up to `count` items, newest first. */
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
  const list = 'ns = ? AND kind = ? AND name = ?';
  const sql = {
    head: db.prepare<[string, string, string, number], Head>(
      `SELECT next_seq, expires_at FROM list_items WHERE ${list} AND seq = ?`,
    ),
    setHead: db.prepare(
      `INSERT OR REPLACE INTO list_items (ns, kind, name, seq, next_seq, expires_at) VALUES (?, ?, ?, ${HEAD_SEQ}, ?, ?)`,
    ),
    add: db.prepare('INSERT INTO list_items (ns, kind, name, seq, value) VALUES (?, ?, ?, ?, ?)'),
    trim: db.prepare(`DELETE FROM list_items WHERE ${list} AND seq < ?`),
    drop: db.prepare(`DELETE FROM list_items WHERE ${list}`),
    // a range from the head's next_seq reads fewer index entries than ORDER BY … LIMIT
    newest: db
      .prepare<[string, string, string, number], string>(
        `SELECT value FROM list_items WHERE ${list} AND seq >= ? AND seq < ${HEAD_SEQ} ORDER BY seq DESC`,
      )
      .pluck(),
    oldest: db
      .prepare<[string, string, string], string>(
        `SELECT value FROM list_items WHERE ${list} AND seq < ${HEAD_SEQ} ORDER BY seq`,
      )
      .pluck(),
    length: db
      .prepare<[string, string, string], number>(
        `SELECT count(*) FROM list_items WHERE ${list} AND seq < ${HEAD_SEQ}`,
      )
      .pluck(),
  };

  const pushTx = db.transaction((name: string, items: string[], ttlMs: number, now: number) => {
    const head = sql.head.get(ns, kind, name, HEAD_SEQ);
    let seq = 0;
    if (head && head.expires_at > now) seq = head.next_seq;
    // an expired list the sweep has not reached yet: its items are gone, a new list starts
    else if (head) sql.drop.run(ns, kind, name);
    for (const item of items) sql.add.run(ns, kind, name, seq++, item);
    if (seq > maxLength) sql.trim.run(ns, kind, name, seq - maxLength);
    sql.setHead.run(ns, kind, name, seq, now + ttlMs);
  });

  const live = (name: string, now: number): Head | undefined => {
    const head = sql.head.get(ns, kind, name, HEAD_SEQ);
    return head !== undefined && head.expires_at > now ? head : undefined;
  };

  return {
    push: (name, items, ttlMs, now) => pushTx.immediate(name, items, ttlMs, now),
    newest: (name, count, now) => {
      const head = live(name, now);
      return head ? sql.newest.all(ns, kind, name, head.next_seq - count) : [];
    },
    oldest: (name, now) => (live(name, now) ? sql.oldest.all(ns, kind, name) : []),
    length: (name, now) => (live(name, now) ? (sql.length.get(ns, kind, name) ?? 0) : 0),
    clear: (name) => void sql.drop.run(ns, kind, name),
  };
}
