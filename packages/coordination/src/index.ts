export { Agent, type AgentEventDraft } from './agent.js';
export {
  AgentEventBus,
  type AgentEventBusOptions,
  type AgentEventSubscribeOptions,
  type BusErrorHandler,
  type ReceivedFrom,
} from './agent-event-bus.js';
export { AgentEventStream, type AgentEventStreamOptions } from './agent-event-stream.js';
export { type AuditEntry, type AuditQuery, AuditQuerySchema } from './audit.js';
export { type AuditIdentity, credentialOf, withAuditIdentity } from './audit-identity.js';
export {
  type Candidate,
  type CandidateFilter,
  CandidateSchema,
  type PromoteInput,
  type RejectInput,
  type StageInput,
  StageInputSchema,
} from './candidate.js';
export { Claim, type ClaimRef, ClaimRefSchema, type ClaimState } from './claim.js';
export { type ClaimInfo, type ClaimOptions, ClaimOptionsSchema } from './claims.js';
export { type Completion, CompletionSchema } from './completion.js';
export { type Conflict, ConflictSchema, conflictId, type Resolution, type ResolveInput } from './conflict.js';
export type { ConflictFilter } from './conflicts.js';
export {
  type AgentOptions,
  type Coordinator,
  type CoordinatorOptions,
  createCoordinator,
} from './coordinator.js';
export { disagree, findDisagreement, type Position } from './disagreement.js';
export { type ShareInput, ShareInputSchema } from './findings.js';
export { type AgentPresence, type Presence, PresenceSchema } from './presence.js';
export type { PurgeResult } from './purge.js';
export { type Action, authorize, can, type Role, RoleSchema } from './roles.js';
export { COLLECTIONS, type CoordinatorSettings, CoordinatorSettingsSchema } from './settings.js';
export type { Promotion } from './staging.js';
export type { WaitForOptions } from './wait-for.js';
