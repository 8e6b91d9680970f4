import {
  type ConversationMessage,
  IdSchema,
  MessageRoleSchema,
  type Pattern,
  PatternKindSchema,
  TimestampSchema,
} from '@agent-memory/core';
import { z } from 'zod';

/** Where to look: long-term patterns, one user's conversation window, or both. */
export const RecallScopeSchema = z.enum(['patterns', 'conversation', 'all']);
export type RecallScope = z.infer<typeof RecallScopeSchema>;

/** How to rank: full-text and vectors fused (the default), or one of them alone. */
export const RecallModeSchema = z.enum(['hybrid', 'text', 'vector']);
export type RecallMode = z.infer<typeof RecallModeSchema>;

// Epoch ms up to the largest date JavaScript can represent.
const TimeSchema = z.union([TimestampSchema, z.number().int().nonnegative().max(8.64e15)]);

/**
 * Filters narrow what is searched; an item that cannot satisfy a filter is left out (messages have
 * no `kind`, patterns no `role`). Times compare with a pattern's `updated` and a message's `ts`.
 */
export const RecallFiltersSchema = z
  .object({
    kind: z.union([PatternKindSchema, z.array(PatternKindSchema).min(1)]).optional(),
    /** Every tag must be present (a message's tags are `meta.tags`). */
    tags: z.array(z.string().min(1).max(64)).max(20).optional(),
    /** ISO 8601 or epoch ms, inclusive. */
    since: TimeSchema.optional(),
    until: TimeSchema.optional(),
    role: z.union([MessageRoleSchema, z.array(MessageRoleSchema).min(1)]).optional(),
    sessionId: IdSchema.optional(),
  })
  .strict();
export type RecallFilters = z.input<typeof RecallFiltersSchema>;

export const RecallQuerySchema = z
  .string()
  .max(1000, 'must be at most 1000 characters')
  .refine((q) => q.trim() !== '', 'must not be blank');

export const RecallOptionsSchema = z
  .object({
    scope: RecallScopeSchema.default('all'),
    /** Whose conversation to search; required for scope 'conversation', optional for 'all'. */
    userId: IdSchema.optional(),
    k: z.number().int().positive().max(100).default(10),
    mode: RecallModeSchema.default('hybrid'),
    filters: RecallFiltersSchema.default({}),
  })
  .strict()
  .refine((o) => o.scope !== 'conversation' || o.userId !== undefined, {
    message: "scope 'conversation' needs a userId",
    path: ['userId'],
  });
export type RecallOptions = z.input<typeof RecallOptionsSchema>;
export type ParsedRecallOptions = z.output<typeof RecallOptionsSchema>;

/** 1-based ranks of a hit in each list it came from, and its cosine similarity when it had one. */
export interface RecallRanks {
  text?: number;
  vector?: number;
  similarity?: number;
}

interface HitBase {
  /** `pattern:<id>` or `message:<user>:<id>`: unique across sources. */
  key: string;
  /** Reciprocal-rank-fusion score: higher is better; only comparable within one recall. */
  score: number;
  ranks: RecallRanks;
}

export interface PatternRecallHit extends HitBase {
  source: 'pattern';
  pattern: Pattern;
}

export interface MessageRecallHit extends HitBase {
  source: 'message';
  userId: string;
  /** Stable id of the message: a hash of its fields (messages have none of their own). */
  messageId: string;
  message: ConversationMessage;
}

export type RecallHit = PatternRecallHit | MessageRecallHit;
