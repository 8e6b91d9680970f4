import type { z } from 'zod';
import { MemoryError } from './errors.js';

/**
 * Parses public input with a zod schema; failures become INVALID_INPUT carrying zod's issues,
 * with a message that names the offending field.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${issuePath(first.path)}"` : '';
  throw new MemoryError('INVALID_INPUT', `invalid ${what}${where}: ${first?.message ?? 'invalid value'}`, {
    issues: result.error.issues,
    cause: result.error,
  });
}

/**
 * A zod issue's path as `a.b.0`. Not `path.join('.')`: a path can hold a symbol (an object with a
 * symbol key fails JsonObjectSchema there), and join throws a TypeError on symbols.
 */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Byte length of a value as it will be stored (UTF-8 JSON). */
export function jsonByteLength(value: unknown): number {
  return utf8.encode(JSON.stringify(value) ?? '').byteLength;
}

const utf8 = new TextEncoder();
