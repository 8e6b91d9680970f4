import {
  parseInput,
  parseJsonObject,
  RecordDeleteOptionsSchema,
  RecordPutOptionsSchema,
  type RecordStore,
  type StoredRecord,
} from '@agent-memory/core';
import { type CollectionEntry, pruneCollection, type RecordRow } from './backend.js';
import { copy, type PortContext } from './context.js';

export function createRecordStore(ctx: PortContext): RecordStore {
  const { backend, keys } = ctx;

  const toRecord = (id: string, row: RecordRow): StoredRecord => ({
    id,
    value: copy(row.value),
    version: row.version,
    expiresAt: row.expiresAt,
  });

  /** The live record `id` of a collection (an expired one is dropped on the way). */
  const liveRow = (collection: CollectionEntry | undefined, id: string, now: number) => {
    const row = collection?.records.get(id);
    if (!row) return undefined;
    if (row.expiresAt > now) return row;
    collection!.records.delete(id);
    return undefined;
  };

  return {
    async put(collection, id, value, options) {
      ctx.assertOpen();
      const indexKey = keys.recordIndex(collection);
      keys.record(collection, id);
      const parsed = parseJsonObject(value, 'record value');
      const o = parseInput(RecordPutOptionsSchema, options, 'record options');
      ctx.assertSize(parsed, 'record value');
      const now = backend.now();
      let entry = backend.live(indexKey, 'collection', now);
      const current = liveRow(entry, id, now);
      if (o.ifAbsent && current) return null;
      if (o.ifVersion !== undefined && current?.version !== o.ifVersion) return null;
      if (!entry) {
        entry = { kind: 'collection', expiresAt: 0, records: new Map() };
        backend.set(indexKey, entry);
      }
      const row: RecordRow = {
        value: parsed,
        version: (current?.version ?? 0) + 1,
        expiresAt: now + o.ttlMs,
      };
      entry.records.set(id, row);
      entry.expiresAt = Math.max(entry.expiresAt, row.expiresAt);
      return toRecord(id, row);
    },

    async get(collection, id) {
      ctx.assertOpen();
      const indexKey = keys.recordIndex(collection);
      keys.record(collection, id);
      const now = backend.now();
      const row = liveRow(backend.live(indexKey, 'collection', now), id, now);
      return row ? toRecord(id, row) : null;
    },

    async list(collection) {
      ctx.assertOpen();
      const now = backend.now();
      const entry = backend.live(keys.recordIndex(collection), 'collection', now);
      if (!entry) return [];
      pruneCollection(entry, now);
      return [...entry.records.keys()].sort().map((id) => toRecord(id, entry.records.get(id)!));
    },

    async delete(collection, id, options = {}) {
      ctx.assertOpen();
      const indexKey = keys.recordIndex(collection);
      keys.record(collection, id);
      const o = parseInput(RecordDeleteOptionsSchema, options, 'delete options');
      const now = backend.now();
      const entry = backend.live(indexKey, 'collection', now);
      const row = liveRow(entry, id, now);
      if (!row || (o.ifVersion !== undefined && row.version !== o.ifVersion)) return false;
      entry!.records.delete(id);
      if (entry!.records.size === 0) backend.delete(indexKey);
      return true;
    },
  };
}
