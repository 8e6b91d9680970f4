import { MemoryError } from '@agent-memory/core';
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw corrupt(key, `${what} is not valid JSON`, error);
  }
  return checkStored(schema, prepare(parsed), key, what);
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
  const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
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
