export type {
  Agent,
  AgentEventBus,
  AuditEntry,
  AuditQuery,
  Candidate,
  Claim,
  Conflict,
  Coordinator,
} from '@agent-memory/coordination';
export {
  type AuditIdentity,
  AuditQuerySchema,
  CandidateSchema,
  CompletionSchema,
  ConflictSchema,
  PresenceSchema,
  RoleSchema,
  ShareInputSchema,
  StageInputSchema,
  withAuditIdentity,
} from '@agent-memory/coordination';
export * from '@agent-memory/core';
export type { GitPatternStore } from '@agent-memory/git-patterns';
export {
  createEmbedder,
  createLocalEmbedder,
  createOpenAIEmbedder,
  type EmbedderSettings,
  embedderFromEnv,
  type MessageRecallHit,
  type OpenAIEmbedderOptions,
  type PatternRecallHit,
  type Recall,
  type RecallFilters,
  RecallFiltersSchema,
  type RecallHit,
  type RecallMode,
  type RecallOptions,
  RecallOptionsSchema,
  type RecallScope,
} from '@agent-memory/recall';
export { loadAdapterModules } from './adapter-modules.js';
export { type ShortTermChoice, type ShortTermInput, selectShortTerm } from './backend-selection.js';
export { EMBEDDED_DEFAULT_KIND, registerBuiltinAdapters } from './builtin-adapters.js';
export {
  type MemoryConfig,
  type MemoryConfigInput,
  MemoryConfigSchema,
  parseMemoryConfig,
} from './config.js';
export { CONFIG_FILES, configFromEnv, type LoadConfigOptions, loadConfig } from './config-loader.js';
export { type CreateMemoryOptions, createMemory } from './create-memory.js';
export { defaultLogger, type MemoryLogger, silentLogger } from './logger.js';
export {
  ensureRedis,
  type ManagedRedis,
  type ManagedRedisOptions,
  parseRedisTarget,
} from './managed-redis.js';
export type { Memory } from './memory.js';
export { describePatterns } from './patterns-status.js';
export { createMemoryRecall, type MemoryRecallParts } from './recall.js';
export { redactRedisUrl } from './redis-url.js';
export type { MemoryStatus } from './status.js';
export type { TaskClaims } from './task-claims.js';
export { releaseTask, type TaskReleaseRef } from './task-release.js';
export type { UserConversation } from './user-conversation.js';
