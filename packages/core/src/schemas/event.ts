import { z } from 'zod';
import { IdSchema } from '../ids.js';
import { JsonObjectSchema, TimestampSchema } from './json.js';

// Agent events are the wire format of the `agent:events` channel, so their field names are the
// snake_case ones of the original design (`{"event": …, "agent_id": …, "task_id": …}`): a Python
// orchestrator that json.loads() them sees the same names.
const base = {
  agent_id: IdSchema,
  ts: TimestampSchema,
  /** Free-form extra data, never needed to understand the event. */
  meta: JsonObjectSchema.optional(),
};

export const TaskClaimedEventSchema = z.object({
  event: z.literal('task_claimed'),
  ...base,
  task_id: IdSchema,
  token: z.number().int().positive(),
  expires_at: z.number().int(),
});
export const TaskReleasedEventSchema = z.object({
  event: z.literal('task_released'),
  ...base,
  task_id: IdSchema,
  token: z.number().int().positive().optional(),
  reason: z.enum(['released', 'completed', 'expired', 'lost']).default('released'),
});
export const TaskCompletedEventSchema = z.object({
  event: z.literal('task_completed'),
  ...base,
  task_id: IdSchema,
  token: z.number().int().positive(),
});
export const LeaseLostEventSchema = z.object({
  event: z.literal('lease_lost'),
  ...base,
  task_id: IdSchema,
  token: z.number().int().positive(),
});
export const FindingSharedEventSchema = z.object({
  event: z.literal('finding_shared'),
  ...base,
  task_id: IdSchema,
  finding_id: IdSchema,
  subject: z.string(),
  verdict: z.string(),
  confidence: z.number().min(0).max(1),
});
export const AnalysisCompleteEventSchema = z.object({
  event: z.literal('analysis_complete'),
  ...base,
  task_id: IdSchema,
  findings_count: z.number().int().nonnegative(),
});
export const ConflictDetectedEventSchema = z.object({
  event: z.literal('conflict_detected'),
  ...base,
  task_id: IdSchema,
  conflict_id: IdSchema,
  subject: z.string(),
  agents: z.array(IdSchema),
});
export const ConflictResolvedEventSchema = z.object({
  event: z.literal('conflict_resolved'),
  ...base,
  task_id: IdSchema,
  conflict_id: IdSchema,
  resolution: z.string(),
});
export const PatternStagedEventSchema = z.object({
  event: z.literal('pattern_staged'),
  ...base,
  candidate_id: IdSchema,
  title: z.string(),
});
export const PatternPromotedEventSchema = z.object({
  event: z.literal('pattern_promoted'),
  ...base,
  candidate_id: IdSchema.optional(),
  pattern_id: IdSchema,
  title: z.string(),
});
export const PatternRejectedEventSchema = z.object({
  event: z.literal('pattern_rejected'),
  ...base,
  candidate_id: IdSchema,
  reason: z.string(),
});
export const AgentHeartbeatEventSchema = z.object({
  event: z.enum(['agent_joined', 'agent_left']),
  ...base,
});

export const AgentEventSchema = z.union([
  z.discriminatedUnion('event', [
    TaskClaimedEventSchema,
    TaskReleasedEventSchema,
    TaskCompletedEventSchema,
    LeaseLostEventSchema,
    FindingSharedEventSchema,
    AnalysisCompleteEventSchema,
    ConflictDetectedEventSchema,
    ConflictResolvedEventSchema,
    PatternStagedEventSchema,
    PatternPromotedEventSchema,
    PatternRejectedEventSchema,
  ]),
  AgentHeartbeatEventSchema,
]);
export type AgentEvent = z.infer<typeof AgentEventSchema>;
export type AgentEventInput = z.input<typeof AgentEventSchema>;
export type AgentEventType = AgentEvent['event'];
