import {
  assertId,
  isPlainJsonObject,
  JsonObjectSchema,
  MemoryError,
  parseInput,
  parseJsonObject,
  RecordDeleteOptionsSchema,
  type RecordPutOptions,
  RecordPutOptionsSchema,
  type RecordStore,
  type StoredRecord,
} from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { assertJsonWithinLimit } from './size-limit.js';
import { corrupt, decodeStoredFast } from './stored-data.js';

/**
 * Records per decision 0001: HASH `<ns>:rec:{<collection>}:<id>` (`value` JSON, `version`) and
 * the collection's index ZSET `<ns>:rec:{<collection>}` scored by expiry (epoch ms). The hash
 * tag puts a whole collection in one slot, so each write is one script over both keys.
 */
export function createRecordStore(ctx: RedisContext): RecordStore {
  const { keys, scripts, config } = ctx;

  const toRecord = (
    id: string,
    value: unknown,
    version: unknown,
    expiresAt: unknown,
    pttl: unknown,
    key: string,
  ) => {
    if (typeof value !== 'string') throw corrupt(key, 'record has no value');
    const v = Number(version);
    if (!Number.isInteger(v) || v < 1) throw corrupt(key, 'record version is not a positive integer');
    if (typeof pttl === 'number' && pttl < 0) throw corrupt(key, 'record has no TTL');
    const record: StoredRecord = {
      id,
      value: decodeStoredFast(JsonObjectSchema, isPlainJsonObject, value, key, 'record value'),
      version: v,
      expiresAt: Number(expiresAt),
    };
    return record;
  };

  return {
    async put(collection, id, value, options: RecordPutOptions) {
      const key = keys.record(collection, id);
      const index = keys.recordIndex(collection);
      const data = parseJsonObject(value, 'record value');
      const { ttlMs, ifAbsent, ifVersion } = parseInput(RecordPutOptionsSchema, options, 'put options');
      const json = JSON.stringify(data);
      assertJsonWithinLimit(json, config.limits.maxValueBytes, 'record value');
      const mode = ifAbsent ? 'absent' : ifVersion !== undefined ? 'version' : '';
      const reply = await ctx.command('record put', key, () =>
        scripts.recordPut([key, index], [id, json, ttlMs, mode, ifVersion ?? '']),
      );
      if (reply === null) return null;
      if (!Array.isArray(reply)) throw corrupt(key, 'unexpected record put reply');
      return { id, value: data, version: Number(reply[0]), expiresAt: Number(reply[1]) };
    },

    async get(collection, id) {
      const key = keys.record(collection, id);
      const reply = await ctx.command('record get', key, () => scripts.recordGet([key], []));
      if (reply === null) return null;
      if (!Array.isArray(reply)) throw corrupt(key, 'unexpected record get reply');
      return toRecord(id, reply[0], reply[1], reply[2], reply[3], key);
    },

    async list(collection) {
      const index = keys.recordIndex(collection);
      const reply = await ctx.command('record list', index, () => scripts.recordList([index], []));
      if (!Array.isArray(reply)) throw corrupt(index, 'unexpected record list reply');
      const records = reply.map((row: unknown) => {
        if (!Array.isArray(row) || typeof row[0] !== 'string')
          throw corrupt(index, 'unexpected record list row');
        const id = row[0];
        // Ids come back from the index; one another client put there must still be a valid id.
        assertIndexedId(id, index);
        return toRecord(id, row[1], row[2], row[3], row[4], keys.record(collection, id));
      });
      return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async delete(collection, id, options = {}) {
      const key = keys.record(collection, id);
      const index = keys.recordIndex(collection);
      const { ifVersion } = parseInput(RecordDeleteOptionsSchema, options, 'delete options');
      const deleted = await ctx.command('record delete', key, () =>
        scripts.recordDelete([key, index], [id, ifVersion ?? '']),
      );
      return deleted === 1;
    },
  };
}

function assertIndexedId(id: string, index: string): void {
  try {
    assertId(id, 'record id');
  } catch (cause) {
    throw new MemoryError('CORRUPT_DATA', `index ${index} holds an invalid record id`, {
      cause,
      details: { key: index },
    });
  }
}
