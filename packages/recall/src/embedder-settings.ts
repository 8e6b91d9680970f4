import { type Embedder, parseInput } from '@agent-memory/core';
import { z } from 'zod';
import { createLocalEmbedder } from './local-embedder.js';
import { createOpenAIEmbedder, OpenAIEmbedderOptionsSchema } from './openai-embedder.js';

/** Which embedder to use, as config: the local one (default) or an OpenAI-compatible endpoint. */
export const EmbedderSettingsSchema = z.discriminatedUnion('provider', [
  z
    .object({ provider: z.literal('local'), dimensions: z.number().int().min(64).max(4096).optional() })
    .strict(),
  OpenAIEmbedderOptionsSchema.extend({ provider: z.literal('openai') }),
]);
export type EmbedderSettings = z.input<typeof EmbedderSettingsSchema>;

export function createEmbedder(settings: EmbedderSettings = { provider: 'local' }): Embedder {
  const parsed = parseInput(EmbedderSettingsSchema, settings, 'embedder settings');
  if (parsed.provider === 'local') {
    return createLocalEmbedder(parsed.dimensions === undefined ? {} : { dimensions: parsed.dimensions });
  }
  const { provider: _, ...options } = parsed;
  return createOpenAIEmbedder(options);
}

/**
 * The embedder the environment asks for: `AGENT_MEMORY_EMBEDDINGS_URL` (an OpenAI-compatible base
 * URL, e.g. http://localhost:11434/v1), `AGENT_MEMORY_EMBEDDINGS_MODEL`, `AGENT_MEMORY_EMBEDDINGS_DIMENSIONS`
 * and `AGENT_MEMORY_EMBEDDINGS_API_KEY` (or `OPENAI_API_KEY`); without a URL, the local embedder.
 */
export function embedderFromEnv(env: Record<string, string | undefined> = process.env): Embedder {
  const url = env.AGENT_MEMORY_EMBEDDINGS_URL;
  if (!url) return createEmbedder({ provider: 'local' });
  const apiKey = env.AGENT_MEMORY_EMBEDDINGS_API_KEY ?? env.OPENAI_API_KEY;
  const dimensions = env.AGENT_MEMORY_EMBEDDINGS_DIMENSIONS;
  return createEmbedder({
    provider: 'openai',
    url,
    model: env.AGENT_MEMORY_EMBEDDINGS_MODEL ?? '',
    dimensions: dimensions === undefined ? Number.NaN : Number(dimensions),
    ...(apiKey ? { apiKey } : {}),
  });
}
