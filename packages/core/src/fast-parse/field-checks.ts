import { MessageRoleSchema } from '../schemas/conversation.js';
import { TimestampSchema } from '../schemas/json.js';

// The field rules of the core schemas, as plain functions for the hot paths (input-parsers.ts,
// stored-shapes.ts). A test holds each to the zod schema it mirrors.

// The very regex TimestampSchema tests with, so the two cannot disagree.
const TIMESTAMP = (TimestampSchema.def as { pattern?: RegExp }).pattern;

/** TimestampSchema: ISO 8601 with Z or an offset. */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return TIMESTAMP === undefined ? TimestampSchema.safeParse(value).success : TIMESTAMP.test(value);
}

export const MESSAGE_ROLES: ReadonlySet<unknown> = new Set(MessageRoleSchema.options);

/** z.string().min(min).max(max): zod counts UTF-16 units, as `length` does. */
export function isText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** z.number().min(0).max(1) (NaN fails every comparison). */
export function isUnitInterval(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

/** A finding's evidence: at most 64 strings of at most 4096 characters. */
export function isEvidence(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length > 64) return false;
  for (let i = 0; i < value.length; i++) if (!isText(value[i], 0, 4096)) return false;
  return true;
}

/** No key outside `allowed` (a strict object refuses them, a plain one strips them). */
export function onlyKeys(record: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in record) if (!allowed.has(key)) return false;
  return true;
}
