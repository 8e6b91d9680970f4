import {
  assertId,
  type JsonObject,
  parseInput,
  parseJsonObject,
  RecordDeleteOptionsSchema,
  RecordPutOptionsSchema,
  type RecordStore,
  type StoredRecord,
} from '@agent-memory/core';
import type { SqliteContext } from './context.js';

interface RecordRow {
  id: string;
  value: string;
  version: number;
  expires_at: number;
}

/** Records with a TTL each and compare-and-set on their version; put is one IMMEDIATE transaction. */
export function createRecordStore(ctx: SqliteContext): RecordStore {
  const { db, ns } = ctx;
  const sql = {
    live: db.prepare<[string, string, string, number], RecordRow>(
      `SELECT id, value, version, expires_at FROM records
       WHERE ns = ? AND collection = ? AND id = ? AND expires_at > ?`,
    ),
    list: db.prepare<[string, string, number], RecordRow>(
      `SELECT id, value, version, expires_at FROM records
       WHERE ns = ? AND collection = ? AND expires_at > ? ORDER BY id`,
    ),
    put: db.prepare(
      `INSERT OR REPLACE INTO records (ns, collection, id, value, version, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    delete: db.prepare(
      // a null version matches any: version = coalesce(NULL, version)
      `DELETE FROM records WHERE ns = ? AND collection = ? AND id = ? AND expires_at > ?
         AND version = coalesce(?, version)`,
    ),
  };

  const toRecord = (row: RecordRow): StoredRecord => ({
    id: row.id,
    value: JSON.parse(row.value) as JsonObject,
    version: row.version,
    expiresAt: row.expires_at,
  });

  const putTx = db.transaction(
    (
      collection: string,
      id: string,
      value: string,
      o: { ttlMs: number; ifAbsent?: boolean | undefined; ifVersion?: number | undefined },
      now: number,
    ): RecordRow | null => {
      const current = sql.live.get(ns, collection, id, now);
      if (o.ifAbsent && current) return null;
      if (o.ifVersion !== undefined && current?.version !== o.ifVersion) return null;
      // an expired record is gone: the id starts again at version 1, as on Redis
      const row: RecordRow = { id, value, version: (current?.version ?? 0) + 1, expires_at: now + o.ttlMs };
      sql.put.run(ns, collection, id, value, row.version, row.expires_at);
      return row;
    },
  );

  const ids = (collection: string, id: string) => {
    assertId(collection, 'collection');
    assertId(id, 'record id');
  };

  return {
    async put(collection, id, value, options) {
      ctx.assertOpen();
      ids(collection, id);
      const parsed = parseJsonObject(value, 'record value');
      const o = parseInput(RecordPutOptionsSchema, options, 'record options');
      const text = ctx.json(parsed, 'record value');
      const row = ctx.write('record put', () => putTx.immediate(collection, id, text, o, ctx.clock.now()));
      return row ? toRecord(row) : null;
    },

    async get(collection, id) {
      ctx.assertOpen();
      ids(collection, id);
      const row = ctx.read('record get', () => sql.live.get(ns, collection, id, ctx.clock.now()));
      return row ? toRecord(row) : null;
    },

    async list(collection) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      return ctx.read('record list', () => sql.list.all(ns, collection, ctx.clock.now())).map(toRecord);
    },

    async delete(collection, id, options = {}) {
      ctx.assertOpen();
      ids(collection, id);
      const o = parseInput(RecordDeleteOptionsSchema, options, 'delete options');
      const now = ctx.clock.now();
      return ctx.write(
        'record delete',
        () => sql.delete.run(ns, collection, id, now, o.ifVersion ?? null).changes > 0,
      );
    },
  };
}
