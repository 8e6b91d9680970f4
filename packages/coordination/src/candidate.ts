import {
  DurationMsSchema,
  IdSchema,
  PatternIdSchema,
  PatternInputSchema,
  PatternKindSchema,
  TimestampSchema,
} from '@agent-memory/core';
import { z } from 'zod';

/**
 * A finding (or several agreeing ones) proposed as a long-term pattern, waiting for a validator.
 * `staged` → `promoting` → `promoted`, or `staged` → `rejected`; every step is a compare-and-set on
 * the record's version, so two validators can never both promote it.
 */
export const CandidateSchema = z.object({
  id: IdSchema,
  state: z.enum(['staged', 'promoting', 'promoted', 'rejected']),
  taskId: IdSchema,
  findingIds: z.array(IdSchema).min(1),
  subject: z.string(),
  verdict: z.string(),
  /** Agents whose findings back the candidate. */
  agents: z.array(IdSchema),
  /** What will be saved to the PatternStore; its id is fixed at staging so a retried save updates. */
  pattern: PatternInputSchema,
  stagedBy: IdSchema,
  stagedAt: TimestampSchema,
  decidedBy: IdSchema.optional(),
  decidedAt: TimestampSchema.optional(),
  /** Why it was rejected. */
  reason: z.string().optional(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const StageInputSchema = z
  .object({
    taskId: IdSchema,
    /** The agreeing findings (same subject and verdict) the pattern is drawn from. */
    findingIds: z.array(IdSchema).min(1).max(64),
    kind: PatternKindSchema,
    /** Default: "<verdict>: <subject>". */
    title: z.string().min(1).max(200).optional(),
    summary: z.string().max(2000).optional(),
    /** Markdown; default: the subject, verdict, summaries and evidence of the findings. */
    body: z.string().max(200_000).optional(),
    tags: z.array(z.string().min(1).max(64)).max(50).optional(),
    files: z.array(z.string().min(1).max(1024)).max(200).optional(),
    links: z.array(z.string().max(2048)).optional(),
    /** Id of the pattern to create or update; default: derived from the title. */
    patternId: PatternIdSchema.optional(),
    /** How long the candidate waits for a validator (default: the coordinator's candidateTtlMs, 24 h). */
    ttlMs: DurationMsSchema.optional(),
  })
  .strict();
export type StageInput = z.input<typeof StageInputSchema>;

export const RejectInputSchema = z.object({ reason: z.string().min(1).max(4096) }).strict();
export type RejectInput = z.input<typeof RejectInputSchema>;

export const PromoteInputSchema = z.object({ message: z.string().min(1).max(1000).optional() }).strict();
export type PromoteInput = z.input<typeof PromoteInputSchema>;

export const CandidateFilterSchema = z
  .object({
    taskId: IdSchema.optional(),
    state: z.enum(['staged', 'promoting', 'promoted', 'rejected', 'all']).default('staged'),
  })
  .strict();
export type CandidateFilter = z.input<typeof CandidateFilterSchema>;

/** A pattern id from a title: lowercase words joined by '-', plus a suffix so titles may repeat. */
export function patternIdFor(title: string, suffix: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug.length > 0 ? `${slug}-${suffix}` : `pattern-${suffix}`;
}
