import { createHash } from 'node:crypto';
import { IdSchema, TimestampSchema } from '@agent-memory/core';
import { z } from 'zod';

export const PositionSchema = z.object({
  agentId: IdSchema,
  findingId: IdSchema,
  verdict: z.string(),
  confidence: z.number().min(0).max(1),
});

export const ResolutionSchema = z.object({
  by: IdSchema,
  reason: z.string().min(1).max(4096),
  /** The verdict the resolver settled on, when there is one. */
  verdict: z.string().min(1).max(128).optional(),
  at: TimestampSchema,
});
export type Resolution = z.infer<typeof ResolutionSchema>;

/**
 * Agents disagreeing on one subject of one task. There is one record per (task, subject): resolving
 * settles the findings seen so far, and a later disagreement on fresh findings reopens it (round + 1).
 */
export const ConflictSchema = z.object({
  id: IdSchema,
  taskId: IdSchema,
  subject: z.string(),
  state: z.enum(['open', 'resolved']),
  /** Each agent's latest position when the conflict was last updated. */
  positions: z.array(PositionSchema),
  /** Every finding involved in the current round. */
  findingIds: z.array(IdSchema),
  /** Findings covered by earlier resolutions: they never reopen the conflict. */
  settledFindingIds: z.array(IdSchema),
  round: z.number().int().positive(),
  detectedAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** Oldest first; the last one resolved the latest round. */
  resolutions: z.array(ResolutionSchema),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const ResolveInputSchema = ResolutionSchema.pick({ reason: true, verdict: true }).strict();
export type ResolveInput = z.input<typeof ResolveInputSchema>;

/** Stable per (task, subject), so agents racing to record the same disagreement meet on one record. */
export function conflictId(taskId: string, subject: string): string {
  return `c-${createHash('sha256').update(`${taskId}\u0000${subject}`).digest('hex').slice(0, 24)}`;
}
