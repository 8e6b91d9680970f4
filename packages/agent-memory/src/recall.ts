import type { Embedder, PatternStore, ShortTermAdapter, VectorIndex } from '@agent-memory/core';
import { createLocalEmbedder, createRecall, type Recall } from '@agent-memory/recall';
import type { MemoryConfig } from './config.js';

export interface MemoryRecallParts {
  /** Both adapters carry a VectorIndex beside their core ports. */
  adapter: ShortTermAdapter & { readonly vectors: VectorIndex };
  patterns: PatternStore | null;
  config: MemoryConfig;
  /** The local (lexical) embedder when omitted. */
  embedder?: Embedder | undefined;
}

/**
 * Recall by meaning over the memory's own stores: conversation vectors live beside the windows
 * (same backend, same TTL), pattern vectors beside them too, rebuilt incrementally from git.
 */
export function createMemoryRecall(parts: MemoryRecallParts): Recall {
  return createRecall({
    embedder: parts.embedder ?? createLocalEmbedder(),
    vectors: parts.adapter.vectors,
    conversation: parts.adapter.conversation,
    patterns: parts.patterns,
    windowLength: parts.config.limits.windowLength,
    windowTtlMs: parts.config.ttl.windowMs,
  });
}
