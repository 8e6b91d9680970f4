import { z } from 'zod';

/** What a text is embedded for: some models (e5, nomic) want queries and documents prefixed differently. */
export type EmbedPurpose = 'query' | 'document';

export interface EmbedOptions {
  /** 'document' by default. */
  purpose?: EmbedPurpose;
}

/**
 * Turns texts into vectors for recall by meaning. Implementations: the built-in local embedder
 * (feature hashing, no network, lexical) and any OpenAI-compatible `/v1/embeddings` endpoint.
 *
 * Contract:
 * - `embed` returns one vector per text, in order, each exactly `dimensions` long, finite and
 *   L2-normalised (length 1; a text with no features may give the zero vector).
 * - The same `id` always means the same vector space: vectors made under two ids are never mixed
 *   (callers name their vector collections after it).
 * - Failures are MemoryError: INVALID_INPUT for bad texts, BACKEND_UNAVAILABLE when a provider is
 *   unreachable after its retries, FORBIDDEN for a refused key, CORRUPT_DATA when a provider answers
 *   with the wrong number of vectors or the wrong dimension.
 */
export interface Embedder {
  /** Names the vector space: provider, model and dimension (`local-hash-v1:512`, `openai:text-embedding-3-small:1536`). */
  readonly id: string;
  readonly dimensions: number;
  /**
   * True when vectors capture meaning (a trained model); false for the local embedder, which only
   * makes texts that share words, word pieces or listed synonyms close.
   */
  readonly semantic: boolean;
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

/** The largest text an embedder is asked to embed, in characters (longer texts are refused). */
export const MAX_EMBED_TEXT_LENGTH = 100_000;

/** The texts of one `embed` call. */
export const EmbedTextsSchema = z
  .array(z.string().max(MAX_EMBED_TEXT_LENGTH, `must be at most ${MAX_EMBED_TEXT_LENGTH} characters`))
  .max(10_000, 'must be at most 10000 texts per call');

export const EmbedOptionsSchema = z.object({ purpose: z.enum(['query', 'document']).optional() }).strict();
