import {
  type Embedder,
  EmbedOptionsSchema,
  EmbedTextsSchema,
  MemoryError,
  parseInput,
} from '@agent-memory/core';
import { z } from 'zod';
import { backoffDelay, parseRetryAfter, type RetryPolicy, sleep } from './retry-policy.js';

export const OpenAIEmbedderOptionsSchema = z
  .object({
    /** Base URL of the API (`https://api.openai.com/v1`, `http://localhost:11434/v1` for Ollama); `/embeddings` is appended. */
    url: z.url({ protocol: /^https?$/ }),
    model: z.string().min(1).max(256),
    /** Sent as a Bearer token; never logged, never in an error. Local servers usually need none. */
    apiKey: z.string().min(1).optional(),
    /** The dimension every returned vector must have; a different one is CORRUPT_DATA. */
    dimensions: z.number().int().positive().max(8192),
    /** Ask the server for `dimensions` (OpenAI text-embedding-3 models can shorten their vectors). */
    requestDimensions: z.boolean().default(false),
    /** Texts per request. */
    batchSize: z.number().int().positive().max(2048).default(64),
    maxRetries: z.number().int().nonnegative().max(10).default(4),
    retryBaseMs: z.number().int().positive().default(250),
    retryMaxMs: z.number().int().positive().default(10_000),
    /** Per request. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Prefixes some models want (`search_query: ` / `search_document: ` for nomic-embed-text). */
    queryPrefix: z.string().max(200).default(''),
    documentPrefix: z.string().max(200).default(''),
  })
  .strict();
export type OpenAIEmbedderOptions = z.input<typeof OpenAIEmbedderOptionsSchema>;

const ResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

/**
 * An Embedder over any OpenAI-compatible `POST /embeddings` endpoint (OpenAI, Ollama, vLLM,
 * LM Studio, llama.cpp server). Texts go in batches of `batchSize`; 429, 5xx, timeouts and
 * connection failures are retried with exponential backoff (Retry-After honoured); every vector
 * is checked to have `dimensions` finite values.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const o = parseInput(OpenAIEmbedderOptionsSchema, options, 'embedder options');
  const endpoint = `${o.url.replace(/\/+$/, '').replace(/\/embeddings$/, '')}/embeddings`;
  const policy: RetryPolicy = {
    maxRetries: o.maxRetries,
    baseDelayMs: o.retryBaseMs,
    maxDelayMs: o.retryMaxMs,
  };
  const host = new URL(endpoint).host;

  const request = async (input: string[]): Promise<Float32Array[]> => {
    for (let attempt = 0; ; attempt++) {
      const outcome = await post(input);
      if (outcome.vectors) return outcome.vectors;
      if (!outcome.retryable || attempt >= policy.maxRetries) throw outcome.error;
      await sleep(backoffDelay(policy, attempt, outcome.retryAfterMs));
    }
  };

  type Outcome =
    | { vectors: Float32Array[]; error?: undefined }
    | { vectors?: undefined; error: MemoryError; retryable: boolean; retryAfterMs?: number | undefined };

  const post = async (input: string[]): Promise<Outcome> => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: o.model,
          input,
          encoding_format: 'float',
          ...(o.requestDimensions ? { dimensions: o.dimensions } : {}),
        }),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (cause) {
      const what =
        cause instanceof Error && cause.name === 'TimeoutError'
          ? `no answer within ${o.timeoutMs} ms`
          : 'unreachable';
      return { error: unavailable(`embedding endpoint ${host} is ${what}`, cause), retryable: true };
    }
    if (!response.ok) {
      const body = (await response.text().catch(() => '')).slice(0, 300);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const message = `embedding endpoint ${host} answered ${response.status}${body ? `: ${body}` : ''}`;
      const details = { status: response.status, model: o.model };
      if (RETRYABLE_STATUS.has(response.status)) {
        return {
          error: new MemoryError('BACKEND_UNAVAILABLE', message, { details }),
          retryable: true,
          retryAfterMs,
        };
      }
      const code =
        response.status === 401 || response.status === 403
          ? 'FORBIDDEN'
          : response.status === 404
            ? 'NOT_FOUND'
            : 'INVALID_INPUT';
      return { error: new MemoryError(code, message, { details }), retryable: false };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      return {
        error: corrupt(`embedding endpoint ${host} answered with invalid JSON`, cause),
        retryable: false,
      };
    }
    return checkVectors(json, input.length);
  };

  const checkVectors = (json: unknown, expected: number): Outcome => {
    const parsed = ResponseSchema.safeParse(json);
    if (!parsed.success) {
      return {
        error: corrupt(`embedding endpoint ${host} answered without data[].embedding`, parsed.error),
        retryable: false,
      };
    }
    const rows = [...parsed.data.data].sort((a, b) => a.index - b.index);
    if (rows.length !== expected || rows.some((row, i) => row.index !== i)) {
      return {
        error: corrupt(`embedding endpoint ${host} returned ${rows.length} vectors for ${expected} texts`),
        retryable: false,
      };
    }
    for (const row of rows) {
      if (row.embedding.length !== o.dimensions) {
        return {
          error: new MemoryError(
            'CORRUPT_DATA',
            `model ${o.model} returned vectors of ${row.embedding.length} dimensions, configured for ${o.dimensions}`,
            { details: { expected: o.dimensions, actual: row.embedding.length, model: o.model } },
          ),
          retryable: false,
        };
      }
      if (!row.embedding.every(Number.isFinite)) {
        return {
          error: corrupt(`model ${o.model} returned a vector with non-finite values`),
          retryable: false,
        };
      }
    }
    return { vectors: rows.map((row) => normalised(row.embedding)) };
  };

  return {
    id: `openai:${o.model}:${o.dimensions}`,
    dimensions: o.dimensions,
    semantic: true,
    async embed(texts, embedOptions) {
      const parsed = parseInput(EmbedTextsSchema, texts, 'texts');
      const { purpose = 'document' } = parseInput(EmbedOptionsSchema, embedOptions ?? {}, 'embed options');
      const prefix = purpose === 'query' ? o.queryPrefix : o.documentPrefix;
      // Most servers refuse an empty input string; one space embeds as "nothing" everywhere.
      const inputs = parsed.map((text) => `${prefix}${text}` || ' ');
      const out: Float32Array[] = [];
      for (let i = 0; i < inputs.length; i += o.batchSize)
        out.push(...(await request(inputs.slice(i, i + o.batchSize))));
      return out;
    },
  };
}

function normalised(values: number[]): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const v of vector) norm += v * v;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  }
  return vector;
}

const unavailable = (message: string, cause: unknown) =>
  new MemoryError('BACKEND_UNAVAILABLE', message, { cause });
const corrupt = (message: string, cause?: unknown) =>
  new MemoryError('CORRUPT_DATA', message, cause === undefined ? {} : { cause });
