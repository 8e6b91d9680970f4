import { z } from 'zod';
import { DurationMsSchema } from './json.js';
import { StreamIdSchema } from './log-entry.js';

// Option objects of the port methods (ports/*.ts). Every adapter parses them with these schemas so
// a bad count or id is INVALID_INPUT on every backend, never a backend-specific surprise
// (LRANGE 0 -1 for a count of 0, a Redis syntax error for a stream id of "abc").

/** How many items to read: a positive whole number (recent(n), range, readGroup, claimStale). */
export const CountSchema = z.number().int('must be a whole number').positive('must be positive');

export const RangeOptionsSchema = z
  .object({
    after: StreamIdSchema.optional(),
    to: StreamIdSchema.optional(),
    count: CountSchema.optional(),
  })
  .strict();

export const ReadGroupOptionsSchema = z
  .object({
    count: CountSchema.optional(),
    /** 0 or omitted: do not wait. */
    blockMs: z.number().int('must be a whole number of milliseconds').nonnegative().optional(),
  })
  .strict();

/** Where a consumer group starts: '$' (only new entries), '0' (everything) or after a stream id. */
export const GroupStartIdSchema = z.union([z.literal('$'), z.literal('0'), StreamIdSchema]);

/** How long an entry must have been pending before claimStale takes it over. */
export const MinIdleMsSchema = z.number().int('must be a whole number of milliseconds').nonnegative();

export const RecordPutOptionsSchema = z
  .object({
    ttlMs: DurationMsSchema,
    ifAbsent: z.boolean().optional(),
    ifVersion: z.number().int().positive().optional(),
  })
  .strict()
  .refine((o) => !(o.ifAbsent === true && o.ifVersion !== undefined), {
    message: 'ifAbsent and ifVersion exclude each other',
  });

export const RecordDeleteOptionsSchema = z
  .object({ ifVersion: z.number().int().positive().optional() })
  .strict();
