import { emptyCensus, type KeyKind } from '@agent-memory/core';
import type { Database } from 'better-sqlite3';
import { HEAD_SEQ } from './list-store.js';

// What each row would be on Redis, so `status` shows the same counts on both backends: a record
// is a key of its own and each collection one index key; a vector collection counts once.
const COUNTS: [KeyKind, string][] = [
  ['sessions', 'SELECT count(*) FROM sessions WHERE ns = ? AND expires_at > ?'],
  [
    'windows',
    `SELECT count(*) FROM list_items WHERE ns = ? AND kind = 'w' AND seq = ${HEAD_SEQ} AND expires_at > ?`,
  ],
  [
    'findings',
    `SELECT count(*) FROM list_items WHERE ns = ? AND kind = 'f' AND seq = ${HEAD_SEQ} AND expires_at > ?`,
  ],
  ['leases', 'SELECT count(*) FROM leases WHERE ns = ? AND expires_at > ? AND owner IS NOT NULL'],
  ['fences', 'SELECT count(*) FROM leases WHERE ns = ? AND fence_expires_at > ?'],
  ['streams', 'SELECT count(*) FROM streams WHERE ns = ? AND expires_at > ?'],
  ['records', 'SELECT count(*) FROM records WHERE ns = ? AND expires_at > ?'],
  ['recordIndexes', 'SELECT count(DISTINCT collection) FROM records WHERE ns = ? AND expires_at > ?'],
  ['vectors', 'SELECT count(*) FROM vector_collections WHERE ns = ? AND expires_at > ?'],
];

/** Live keys per kind in one namespace, read in one transaction. */
export function createKeyCensus(db: Database, ns: string): (now: number) => Record<KeyKind, number> {
  const statements = COUNTS.map(
    ([kind, sql]) => [kind, db.prepare<[string, number], number>(sql).pluck()] as const,
  );
  return db.transaction((now: number) => {
    const census = emptyCensus();
    for (const [kind, statement] of statements) census[kind] = statement.get(ns, now) ?? 0;
    return census;
  });
}
