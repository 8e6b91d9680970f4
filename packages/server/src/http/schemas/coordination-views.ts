import {
  AgentEventSchema,
  CandidateSchema,
  CompletionSchema,
  ConflictSchema,
  FindingSchema,
  IdSchema,
  PresenceSchema,
} from 'agent-memory';
import { z } from 'zod';

// The coordination records as the API returns them: coordination's own schemas, named for OpenAPI,
// plus the views that exist only here (claims as the API shows them).

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

export const CompletionViewSchema = CompletionSchema.meta({ id: 'Completion' });

export const ConflictViewSchema = ConflictSchema.meta({ id: 'Conflict' });

export const CandidateViewSchema = CandidateSchema.meta({ id: 'Candidate' });

export const AgentPresenceViewSchema = PresenceSchema.extend({ expiresAt: z.number().int() }).meta({
  id: 'AgentPresence',
});

export const AuditEntrySchema = z
  .object({ id: z.string(), event: AgentEventSchema })
  .meta({ id: 'AuditEntry' });

export const FindingViewSchema = FindingSchema.meta({ id: 'Finding' });
