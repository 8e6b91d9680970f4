import { type Embedder, MemoryError, parseInput } from '@agent-memory/core';
import { z } from 'zod';
import { createLocalEmbedder } from './local-embedder.js';
import { LOCAL_EMBEDDING_MODELS, localEmbeddingModel } from './local-embedding-models.js';
import { createOpenAIEmbedder, OpenAIEmbedderOptionsSchema } from './openai-embedder.js';

/**
 * Which embedder to use, as config: the built-in one (`local`, the default), a model served on
 * your own machine (`local-server`: Ollama, llama.cpp's server, text-embeddings-inference — by URL,
 * no key, dimensions and prefixes known for the usual models), or any OpenAI-compatible endpoint
 * (`openai`).
 */
export const EmbedderSettingsSchema = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('local'),
      dimensions: z.number().int().min(64).max(4096).optional(),
      /** false: the lexical features alone, no word vectors. */
      wordVectors: z.boolean().optional(),
    })
    .strict(),
  OpenAIEmbedderOptionsSchema.extend({
    provider: z.literal('local-server'),
    /** Needed only for a model not in LOCAL_EMBEDDING_MODELS. */
    dimensions: OpenAIEmbedderOptionsSchema.shape.dimensions.optional(),
    queryPrefix: z.string().max(200).optional(),
    documentPrefix: z.string().max(200).optional(),
  }),
  OpenAIEmbedderOptionsSchema.extend({ provider: z.literal('openai') }),
]);
export type EmbedderSettings = z.input<typeof EmbedderSettingsSchema>;

export function createEmbedder(settings: EmbedderSettings = { provider: 'local' }): Embedder {
  const parsed = parseInput(EmbedderSettingsSchema, settings, 'embedder settings');
  if (parsed.provider === 'local') {
    return createLocalEmbedder({
      ...(parsed.dimensions === undefined ? {} : { dimensions: parsed.dimensions }),
      ...(parsed.wordVectors === false ? { wordVectors: null } : {}),
    });
  }
  if (parsed.provider === 'local-server') {
    const { provider: _, dimensions, queryPrefix, documentPrefix, ...options } = parsed;
    const known = localEmbeddingModel(options.model);
    const size = dimensions ?? known?.dimensions;
    if (size === undefined) {
      throw new MemoryError(
        'INVALID_INPUT',
        `invalid embedder settings: the dimensions of model "${options.model}" are unknown; set dimensions (or AGENT_MEMORY_EMBEDDINGS_DIMENSIONS), or use one of ${Object.keys(LOCAL_EMBEDDING_MODELS).join(', ')}`,
      );
    }
    return createOpenAIEmbedder({
      ...options,
      dimensions: size,
      queryPrefix: queryPrefix ?? known?.queryPrefix ?? '',
      documentPrefix: documentPrefix ?? known?.documentPrefix ?? '',
    });
  }
  const { provider: _, ...options } = parsed;
  return createOpenAIEmbedder(options);
}

/**
 * The embedder the environment asks for: `AGENT_MEMORY_EMBEDDINGS_URL` (an OpenAI-compatible base
 * URL, e.g. http://localhost:11434/v1), `AGENT_MEMORY_EMBEDDINGS_MODEL`, `AGENT_MEMORY_EMBEDDINGS_DIMENSIONS`
 * and `AGENT_MEMORY_EMBEDDINGS_API_KEY` (or `OPENAI_API_KEY`); without a URL, the local embedder.
 * A URL with no key is a local server: a known model (LOCAL_EMBEDDING_MODELS) needs no dimensions.
 */
export function embedderFromEnv(env: Record<string, string | undefined> = process.env): Embedder {
  const url = env.AGENT_MEMORY_EMBEDDINGS_URL;
  if (!url) return createEmbedder({ provider: 'local' });
  const apiKey = env.AGENT_MEMORY_EMBEDDINGS_API_KEY ?? env.OPENAI_API_KEY;
  const dimensions = env.AGENT_MEMORY_EMBEDDINGS_DIMENSIONS;
  if (!apiKey) {
    return createEmbedder({
      provider: 'local-server',
      url,
      model: env.AGENT_MEMORY_EMBEDDINGS_MODEL ?? '',
      ...(dimensions === undefined ? {} : { dimensions: Number(dimensions) }),
    });
  }
  return createEmbedder({
    provider: 'openai',
    url,
    model: env.AGENT_MEMORY_EMBEDDINGS_MODEL ?? '',
    dimensions: dimensions === undefined ? Number.NaN : Number(dimensions),
    ...(apiKey ? { apiKey } : {}),
  });
}
