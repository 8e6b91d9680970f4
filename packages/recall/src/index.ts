export { conversationCollection, messageId, patternCollection } from './collection-names.js';
export { ConversationIndex, type ConversationIndexOptions } from './conversation-index.js';
export {
  createEmbedder,
  type EmbedderSettings,
  EmbedderSettingsSchema,
  embedderFromEnv,
} from './embedder-settings.js';
export { fnv1a, hashFeatures } from './feature-hashing.js';
export {
  createLocalEmbedder,
  DEFAULT_LOCAL_DIMENSIONS,
  DEFAULT_WORD_VECTOR_WEIGHT,
  type LocalEmbedderOptions,
  textFeatures,
} from './local-embedder.js';
export {
  LOCAL_EMBEDDING_MODELS,
  type LocalEmbeddingModel,
  localEmbeddingModel,
} from './local-embedding-models.js';
export {
  createOpenAIEmbedder,
  type OpenAIEmbedderOptions,
  OpenAIEmbedderOptionsSchema,
} from './openai-embedder.js';
export { embeddingText, PatternVectors, type PatternVectorsOptions } from './pattern-vectors.js';
export {
  DEFAULT_QUERY_EXPANSION,
  type ExpansionTerm,
  expandQuery,
  type QueryExpansionOptions,
} from './query-expansion.js';
export { type FusedEntry, fuseRankings, type RankedList, RRF_K } from './rank-fusion.js';
export {
  type MessageRecallHit,
  type ParsedRecallOptions,
  type PatternRecallHit,
  type RecallFilters,
  RecallFiltersSchema,
  type RecallHit,
  type RecallMode,
  RecallModeSchema,
  type RecallOptions,
  RecallOptionsSchema,
  RecallQuerySchema,
  type RecallRanks,
  type RecallScope,
  RecallScopeSchema,
} from './recall-options.js';
export { createRecall, type Recall, type RecallDependencies } from './recall-service.js';
export { DEFAULT_SIF_SMOOTHING, sifVector, sifWeight } from './sif-vectors.js';
export { stem } from './stemmer.js';
export { buildSynonymTable, SYNONYM_GROUPS, type SynonymTable } from './synonyms.js';
export { contentWords, words } from './text-tokens.js';
