import { type JsonObject, MemoryError, type StoredRecord, toMemoryError } from '@agent-memory/core';
import type { z } from 'zod';

/**
 * Reads a stored record through its schema. Records are shared with other processes, so a value
 * that does not parse is CORRUPT_DATA naming the record, never a half-typed object.
 */
export function decodeRecord<S extends z.ZodType>(
  schema: S,
  record: StoredRecord,
  what: string,
): z.output<S> {
  const result = schema.safeParse(record.value);
  if (result.success) return result.data;
  throw new MemoryError('CORRUPT_DATA', `stored ${what} "${record.id}" is malformed`, {
    issues: result.error.issues,
    details: { id: record.id, version: record.version },
  });
}

/** A plain JSON object as RecordStore stores it (undefined-valued keys dropped). */
export function encodeRecord(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** Runs one port call; anything that is not already a MemoryError becomes BACKEND_UNAVAILABLE. */
export async function callPort<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toMemoryError(error, 'BACKEND_UNAVAILABLE', what);
  }
}
