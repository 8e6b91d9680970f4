import { z } from 'zod';
import { IdSchema } from '../ids.js';
import { DurationMsSchema, JsonObjectSchema, TimestampSchema } from './json.js';

/**
 * Reserved session field names; everything else is an extra field. On Redis they are the hash
 * fields of the session key (docs/protocol.md).
 * Names follow the original design notes so agents in other languages read the same hash.
 */
export const SESSION_FIELDS = ['user_id', 'project', 'started_at', 'context'] as const;

const ExtraFieldName = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => !(SESSION_FIELDS as readonly string[]).includes(s), 'is a reserved session field');

export const SessionFieldsSchema = z.record(ExtraFieldName, z.string().max(4096));

export const SessionSchema = z.object({
  id: IdSchema,
  userId: IdSchema,
  project: z.string().max(1024),
  startedAt: TimestampSchema,
  context: JsonObjectSchema,
  /** Extra string fields stored beside the reserved ones. */
  fields: SessionFieldsSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const SessionStartSchema = z.object({
  /** Omit to let the store generate one. */
  id: IdSchema.optional(),
  userId: IdSchema,
  project: z.string().max(1024).default(''),
  context: JsonObjectSchema.default({}),
  fields: SessionFieldsSchema.default({}),
  /** Overrides the store's default session TTL. */
  ttlMs: DurationMsSchema.optional(),
});
export type SessionStartInput = z.input<typeof SessionStartSchema>;

export const SessionUpdateSchema = z
  .object({
    project: z.string().max(1024).optional(),
    /** Replaces the whole context object. */
    context: JsonObjectSchema.optional(),
    /** Merged into the extra fields. */
    fields: SessionFieldsSchema.optional(),
  })
  .strict();
export type SessionUpdate = z.input<typeof SessionUpdateSchema>;

export const SessionUpdateOptionsSchema = z
  .object({
    /** Reset the TTL to this many ms (or the default TTL when `true`). Unchanged when omitted. */
    refreshTtl: z.union([z.boolean(), DurationMsSchema]).optional(),
  })
  .strict();
export type SessionUpdateOptions = z.input<typeof SessionUpdateOptionsSchema>;
