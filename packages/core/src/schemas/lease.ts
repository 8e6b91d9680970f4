import { z } from 'zod';
import { IdSchema } from '../ids.js';

/** A held claim on a resource (a task): who holds it, its fencing token, when it lapses. */
export const LeaseSchema = z.object({
  resource: IdSchema,
  owner: IdSchema,
  /**
   * Fencing token: strictly increasing per resource across every successful acquire, so a
   * storage write that carries it can refuse a holder whose lease already lapsed.
   */
  token: z.number().int().positive(),
  /** Epoch milliseconds at which the lease lapses unless renewed. */
  expiresAt: z.number().int(),
});
export type Lease = z.infer<typeof LeaseSchema>;

/** What renew/release need: the resource and the owner, optionally the token to be exact. */
export const LeaseRefSchema = z.object({
  resource: IdSchema,
  owner: IdSchema,
  /** When given, the lease must also carry this token (a re-acquired lease is a new lease). */
  token: z.number().int().positive().optional(),
});
export type LeaseRef = z.input<typeof LeaseRefSchema>;
