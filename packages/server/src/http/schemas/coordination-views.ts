import {
  AgentEventSchema,
  FindingSchema,
  IdSchema,
  JsonObjectSchema,
  JsonValueSchema,
  PatternInputSchema,
  TimestampSchema,
} from 'agent-memory';
import { z } from 'zod';

// The coordination records as the API returns them (@agent-memory/coordination's schemas are not
// re-exported by agent-memory). Plain objects: a field added there later is left out of responses
// until it is added here, instead of failing them.

const TokenSchema = z.number().int().positive();

export const ClaimViewSchema = z.object({
  taskId: IdSchema,
  agentId: IdSchema,
  token: TokenSchema,
  expiresAt: z.number().int(),
  leaseMs: z.number().int().positive(),
});

export const ClaimInfoSchema = z.object({
  taskId: IdSchema,
  agentId: IdSchema,
  token: TokenSchema,
  expiresAt: z.number().int(),
});

export const ClaimOutcomeSchema = z
  .discriminatedUnion('claimed', [
    z.object({ claimed: z.literal(true), claim: ClaimViewSchema }),
    z.object({ claimed: z.literal(false), owner: ClaimInfoSchema.nullable(), completed: z.boolean() }),
  ])
  .meta({ id: 'ClaimOutcome' });

export const ActiveClaimSchema = ClaimInfoSchema.extend({ msLeft: z.number().int().nonnegative() });

export const CompletionViewSchema = z
  .object({
    taskId: IdSchema,
    agentId: IdSchema,
    token: TokenSchema,
    completedAt: TimestampSchema,
    result: JsonValueSchema.optional(),
  })
  .meta({ id: 'Completion' });

export const ConflictViewSchema = z
  .object({
    id: IdSchema,
    taskId: IdSchema,
    subject: z.string(),
    state: z.enum(['open', 'resolved']),
    positions: z.array(
      z.object({ agentId: IdSchema, findingId: IdSchema, verdict: z.string(), confidence: z.number() }),
    ),
    findingIds: z.array(IdSchema),
    round: z.number().int(),
    detectedAt: TimestampSchema,
    updatedAt: TimestampSchema,
    resolutions: z.array(
      z.object({ by: IdSchema, reason: z.string(), verdict: z.string().optional(), at: TimestampSchema }),
    ),
  })
  .meta({ id: 'Conflict' });

export const CandidateViewSchema = z
  .object({
    id: IdSchema,
    state: z.enum(['staged', 'promoting', 'promoted', 'rejected']),
    taskId: IdSchema,
    findingIds: z.array(IdSchema),
    subject: z.string(),
    verdict: z.string(),
    agents: z.array(IdSchema),
    pattern: PatternInputSchema,
    stagedBy: IdSchema,
    stagedAt: TimestampSchema,
    decidedBy: IdSchema.optional(),
    decidedAt: TimestampSchema.optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'Candidate' });

export const AgentPresenceViewSchema = z
  .object({
    agentId: IdSchema,
    role: z.string(),
    joinedAt: TimestampSchema,
    lastSeen: TimestampSchema,
    holds: z.array(IdSchema),
    meta: JsonObjectSchema.optional(),
    expiresAt: z.number().int(),
  })
  .meta({ id: 'AgentPresence' });

export const AuditEntrySchema = z
  .object({ id: z.string(), event: AgentEventSchema })
  .meta({ id: 'AuditEntry' });

export const FindingViewSchema = FindingSchema.meta({ id: 'Finding' });
