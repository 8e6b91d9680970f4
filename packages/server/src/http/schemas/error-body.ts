import { ERROR_CODES } from 'agent-memory';
import { z } from 'zod';

/** Every error response: the MemoryError code, a message naming the field, zod's issues when any. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      /** The offending field (`body.confidence`, `query.limit`) for INVALID_INPUT. */
      field: z.string().optional(),
      /** Why a credential was refused (401: missing, malformed, invalid, expired, revoked) or a write held back (429: rate_limited). */
      reason: z.string().optional(),
      issues: z.array(z.object({ path: z.array(z.string()), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Success response schemas plus the shared error body for 4xx and 5xx. */
export function withErrors<T extends Record<number, z.ZodType>>(success: T) {
  return { ...success, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema };
}
