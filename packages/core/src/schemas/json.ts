import { z } from 'zod';

/** Any JSON value. Records are plain objects; functions, undefined, NaN and Infinity are refused. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Deeper JSON is refused: recursive validation (and JSON.parse on the way back) would blow the stack. */
export const MAX_JSON_DEPTH = 100;

/** True when no array or object in `value` nests deeper than `max`; iterative, so it never overflows. */
export function jsonDepthWithin(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return true;
}

/**
 * The recursive JSON shape without the depth check: what JsonValueSchema pipes into. Exported so
 * schema generators (OpenAPI) can name the recursion; validate input with JsonValueSchema.
 */
export const JsonTreeSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().refine(Number.isFinite, 'must be a finite number'),
    z.boolean(),
    z.null(),
    z.array(JsonTreeSchema),
    z.record(z.string(), JsonTreeSchema),
  ]),
);

const depthMessage = `must not nest deeper than ${MAX_JSON_DEPTH} levels`;

// The depth check runs once, at the top, before the recursive schema can overflow the stack.
export const JsonValueSchema: z.ZodType<JsonValue> = z
  .unknown()
  .refine((value) => jsonDepthWithin(value), depthMessage)
  .pipe(JsonTreeSchema);

export const JsonObjectSchema: z.ZodType<JsonObject> = z
  .unknown()
  .refine((value) => jsonDepthWithin(value), depthMessage)
  .pipe(z.record(z.string(), JsonTreeSchema));

/** ISO 8601 timestamp as stored on the wire (`2025-12-01T10:00:00.000Z`). */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** A duration in milliseconds: a positive whole number, at most one year. */
export const DurationMsSchema = z
  .number()
  .int('must be a whole number of milliseconds')
  .positive('must be positive')
  .max(365 * 24 * 3600 * 1000, 'must be at most one year');
