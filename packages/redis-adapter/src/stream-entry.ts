import { isPlainJsonObject, JsonObjectSchema, type LogEntry } from '@agent-memory/core';
import { corrupt, decodeStoredFast } from './stored-data.js';

/** A stream entry as ioredis returns it: `[id, [field, value, ...]]`. */
export type RawStreamEntry = [string, string[]];

/** Stream entries hold one field, `data`, with the entry's JSON object. */
export const DATA_FIELD = 'data';

export function decodeEntry(entry: unknown, key: string): LogEntry {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) {
    throw corrupt(key, 'unexpected stream entry shape');
  }
  const [id, fields] = entry as RawStreamEntry;
  const at = fields.findIndex((field, i) => i % 2 === 0 && field === DATA_FIELD);
  const raw = at >= 0 ? fields[at + 1] : undefined;
  if (raw === undefined) throw corrupt(key, `stream entry ${id} has no "${DATA_FIELD}" field`);
  return { id, data: decodeStoredFast(JsonObjectSchema, isPlainJsonObject, raw, key, `stream entry ${id}`) };
}

/** Entries of a reply, skipping the nil placeholders Redis 6.2 leaves for deleted entries. */
export function decodeEntries(entries: unknown, key: string): LogEntry[] {
  if (!Array.isArray(entries)) throw corrupt(key, 'unexpected stream reply');
  return entries.filter((entry) => entry !== null).map((entry) => decodeEntry(entry, key));
}
