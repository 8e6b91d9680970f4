import { issuePath, MemoryError } from '@agent-memory/core';
import type { z } from 'zod';

/**
 * Parses a JSON string read from Redis and checks it against a core schema. Anything else (written
 * by a buggy client in another language) is CORRUPT_DATA naming the key: never a crash, never a
 * half-typed value handed to the caller.
 */
export function decodeStored<S extends z.ZodType>(
  schema: S,
  raw: string,
  key: string,
  what: string,
  prepare: (value: unknown) => unknown = (value) => value,
): z.output<S> {
  return checkStored(schema, prepare(parseStoredJson(raw, key, what)), key, what);
}

/**
 * decodeStored for the hot paths: `isValid`, a hand-written check that mirrors `schema`, vouches
 * for the common case, and zod runs only when it says no (to repair defaults or to explain).
 */
export function decodeStoredFast<S extends z.ZodType>(
  schema: S,
  isValid: (value: unknown) => value is z.output<S>,
  raw: string,
  key: string,
  what: string,
  prepare?: (value: unknown) => unknown,
): z.output<S> {
  // No default for `prepare`: a default arrow function is a new closure on every call, and this
  // runs once per message read.
  const parsed = parseStoredJson(raw, key, what);
  const value = prepare === undefined ? parsed : prepare(parsed);
  return isValid(value) ? value : checkStored(schema, value, key, what);
}

export function parseStoredJson(raw: string, key: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw corrupt(key, `${what} is not valid JSON`, error);
  }
}

/** Checks an already decoded value read from Redis against a schema (CORRUPT_DATA when off). */
export function checkStored<S extends z.ZodType>(
  schema: S,
  value: unknown,
  key: string,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${issuePath(first.path)}"` : '';
  throw new MemoryError(
    'CORRUPT_DATA',
    `${what} in ${key} is malformed${where}: ${first?.message ?? 'invalid'}`,
    {
      issues: result.error.issues,
      details: { key },
    },
  );
}

export function corrupt(key: string, message: string, cause?: unknown): MemoryError {
  return new MemoryError('CORRUPT_DATA', `${message} (key ${key})`, {
    details: { key },
    ...(cause === undefined ? {} : { cause }),
  });
}
