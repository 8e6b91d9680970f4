import { z } from 'zod';

/** Any JSON value. Records are plain objects; functions, undefined, NaN and Infinity are refused. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().refine(Number.isFinite, 'must be a finite number'),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);

export const JsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), JsonValueSchema);

/** ISO 8601 timestamp as stored on the wire (`2025-12-01T10:00:00.000Z`). */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** A duration in milliseconds: a positive whole number, at most one year. */
export const DurationMsSchema = z
  .number()
  .int('must be a whole number of milliseconds')
  .positive('must be positive')
  .max(365 * 24 * 3600 * 1000, 'must be at most one year');
