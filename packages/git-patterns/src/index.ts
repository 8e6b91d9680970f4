export { COMMIT_PREFIX } from './commit-message.js';
export {
  type ExtractCandidate,
  type ExtractOptions,
  ExtractOptionsSchema,
  type ExtractReason,
} from './extract.js';
export { createGitPatternStore, type GitPatternStore } from './git-pattern-store.js';
export { type GitPatternStoreOptions, GitPatternStoreOptionsSchema } from './options.js';
export { parsePatternFile, serializePattern } from './pattern-file.js';
export type { GitPatternVersion, PatternDiff, PatternFieldChange } from './pattern-history.js';
export {
  type PatternsSummary,
  type PatternsSummaryOptions,
  summarizePatterns,
} from './patterns-summary.js';
export {
  type Finding,
  findSensitive,
  type Redaction,
  redactPattern,
  redactText,
  SENSITIVE_RULES,
  type SecretRule,
  type SensitiveCategory,
  type SensitivePolicy,
} from './secrets/index.js';
export { CONFLICT_TAG, type SyncConflict, type SyncResult } from './sync.js';
