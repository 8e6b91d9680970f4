import type { JsonObject, JsonValue } from '../schemas/json.js';

// Deeper than any real payload. Past it the answer is "ask zod", which decides (and explains).
const MAX_DEPTH = 64;

/**
 * Whether `value` is JSON that JsonValueSchema accepts and would return unchanged: strings, finite
 * numbers, booleans, null, arrays and plain objects of those. It runs on every write and read, so
 * it is a plain walk instead of a zod parse. It may say false for values zod accepts (an object from
 * another realm, a `__proto__` key, very deep nesting): false means "let zod decide", never "bad".
 */
export function isPlainJson(value: unknown): value is JsonValue {
  return check(value, 0);
}

/** The same for a JSON object (JsonObjectSchema): a plain object, not an array or a primitive. */
export function isPlainJsonObject(value: unknown): value is JsonObject {
  return isPlainRecord(value) && checkRecord(value, 0);
}

/** An object whose prototype is Object.prototype or null (what JSON.parse makes). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function check(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!check(value[i], depth + 1)) return false;
        return true;
      }
      return isPlainRecord(value) && checkRecord(value, depth + 1);
    }
    default:
      return false;
  }
}

function checkRecord(record: Record<string, unknown>, depth: number): boolean {
  // zod drops a `__proto__` key and refuses symbol keys; both are rare enough to leave to zod.
  for (const key in record) if (key === '__proto__' || !check(record[key], depth)) return false;
  return Object.getOwnPropertySymbols(record).length === 0;
}

/** A deep copy of JSON that passed isPlainJson (zod hands back copies too, never the caller's objects). */
export function copyPlainJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlainJson) as T;
  const copy: JsonObject = {};
  // zod leaves out a `__proto__` key too; assigning it would replace the copy's prototype.
  for (const key in value) if (key !== '__proto__') copy[key] = copyPlainJson(value[key]!);
  return copy as T;
}
