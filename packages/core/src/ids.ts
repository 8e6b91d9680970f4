import { z } from 'zod';
import { MemoryError } from './errors.js';

export const MAX_ID_LENGTH = 128;

// Glob characters would turn SCAN/PSUBSCRIBE patterns into injections; braces would let a caller
// choose the Redis Cluster hash slot; whitespace and control characters break logs and protocols.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we reject
const FORBIDDEN = /[*?[\]{}\s\u0000-\u001f\u007f]/u;

/** An id as used inside a key: a session id, user id, task id, agent id, stream name. */
export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .refine((s) => !FORBIDDEN.test(s), {
    message: 'must not contain * ? [ ] { }, whitespace or control characters',
  });

/** A namespace prefix: an id, and also no ':' at either end so keys never get '::'. */
export const NamespaceSchema = IdSchema.refine((s) => !s.startsWith(':') && !s.endsWith(':'), {
  message: 'must not start or end with ":"',
});

/**
 * Whether `value` is an id exactly as IdSchema decides, without a zod parse: ids are checked on
 * every call (each key is built from one), so this is the hot path; zod only explains failures.
 */
export function isId(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && !FORBIDDEN.test(value)
  );
}

/** Validates one id and returns it; a bad id is INVALID_INPUT naming what it was for. */
export function assertId(value: unknown, what = 'id'): string {
  if (isId(value)) return value;
  const result = IdSchema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'invalid';
  throw new MemoryError('INVALID_INPUT', `invalid ${what} ${describe(value)}: ${message}`, {
    issues: result.error.issues,
    details: { field: what },
  });
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return `(${value === null ? 'null' : typeof value})`;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}
