import { z } from 'zod';
import { IdSchema } from '../ids.js';
import { DurationMsSchema } from '../schemas/json.js';

/** Longest vector accepted (OpenAI's largest model has 3072 dimensions). */
export const MAX_VECTOR_DIMENSIONS = 8192;
/** Most items one upsert may carry. */
export const MAX_VECTOR_BATCH = 10_000;
/** Most results one search may ask for. */
export const MAX_VECTOR_K = 1000;

/** Small, filterable facts stored beside a vector (a pattern's kind and tags, a message's time). */
export type VectorAttributeValue = string | number | boolean | string[];
export type VectorAttributes = Record<string, VectorAttributeValue>;

export interface VectorUpsertItem {
  id: string;
  vector: Float32Array | readonly number[];
  attributes?: VectorAttributes;
}

export interface VectorUpsertOptions {
  /** The whole collection expires this long after its last write (upsert or remove). */
  ttlMs: number;
}

/** One stored item, as `get` returns it (a copy). */
export interface VectorRecord {
  id: string;
  vector: Float32Array;
  attributes: VectorAttributes;
}

/** An item's id and attributes without its vector, as `list` returns it. */
export interface VectorEntry {
  id: string;
  attributes: VectorAttributes;
}

/**
 * A condition on one attribute:
 * - a scalar: the attribute equals it, or (string array attribute) contains it;
 * - `{ anyOf }`: the attribute (or one of its elements) is one of the values;
 * - `{ allOf }`: a string array attribute contains every value;
 * - `{ gte, lte }`: a number attribute lies in the range (either bound may be left out).
 * An item without the attribute never matches. Shaped like RediSearch TAG and NUMERIC filters so a
 * query-engine adapter can push conditions down.
 */
export type VectorCondition =
  | string
  | number
  | boolean
  | { anyOf: (string | number | boolean)[] }
  | { allOf: string[] }
  | { gte?: number; lte?: number };

export interface VectorSearchOptions {
  /** How many matches at most (10 by default). */
  k?: number;
  /** Every condition must hold. */
  where?: Record<string, VectorCondition>;
  /** Drop matches whose cosine similarity is below this. */
  minScore?: number;
}

export interface VectorMatch {
  id: string;
  /** Cosine similarity in [-1, 1]. */
  score: number;
  attributes: VectorAttributes;
}

/**
 * Vectors per named collection (one user's conversation, the team's patterns), searched by cosine
 * similarity. Vectors are a cache of embeddings of items that live elsewhere (a conversation
 * window, a pattern in git), so like every short-term key a collection expires: `ttlMs` after its
 * last write. One collection holds one dimension: the first upsert fixes it until the collection
 * is dropped or expires.
 *
 * Errors: INVALID_INPUT for a bad collection or item id, a vector that is empty, too long, not
 * finite or of another dimension than the collection's, a zero query vector, bad options;
 * TOO_LARGE for attributes past the adapter's `maxValueBytes`; CLOSED after the adapter closed.
 * A failing upsert writes nothing.
 */
export interface VectorIndex {
  /** Inserts or replaces items (vector and attributes) and resets the collection's TTL. */
  upsert(collection: string, items: VectorUpsertItem[], options: VectorUpsertOptions): Promise<void>;
  /** The item, or null. */
  get(collection: string, id: string): Promise<VectorRecord | null>;
  /** Ids and attributes of every live item, ordered by id: what an indexer diffs against its source. */
  list(collection: string): Promise<VectorEntry[]>;
  /** Nearest items to `vector` by cosine similarity, best first (ties by id), filtered by `where`. */
  search(
    collection: string,
    vector: Float32Array | readonly number[],
    options?: VectorSearchOptions,
  ): Promise<VectorMatch[]>;
  /** Removes items; returns how many existed. Resets the TTL of what remains. */
  remove(collection: string, ids: string[]): Promise<number>;
  count(collection: string): Promise<number>;
  /** Forgets the whole collection; false when there was none. */
  drop(collection: string): Promise<boolean>;
}

const finite = (n: number) => Number.isFinite(n);

/** A vector as callers pass it: a Float32Array or a plain array of finite numbers. */
export const VectorSchema = z
  .union([z.instanceof(Float32Array), z.array(z.number())])
  .refine((v) => v.length > 0, 'must not be empty')
  .refine((v) => v.length <= MAX_VECTOR_DIMENSIONS, `must have at most ${MAX_VECTOR_DIMENSIONS} dimensions`)
  .refine((v) => Array.prototype.every.call(v, finite), 'must hold finite numbers only');

const AttributeNameSchema = z.string().min(1).max(64);
const ScalarSchema = z.union([
  z.string().max(1024),
  z.number().refine(finite, 'must be finite'),
  z.boolean(),
]);

export const VectorAttributesSchema = z
  .record(AttributeNameSchema, z.union([ScalarSchema, z.array(z.string().max(1024)).max(256)]))
  .refine((a) => Object.keys(a).length <= 64, 'must have at most 64 attributes');

export const VectorUpsertItemSchema = z
  .object({ id: IdSchema, vector: VectorSchema, attributes: VectorAttributesSchema.default({}) })
  .strict();

export const VectorUpsertItemsSchema = z
  .array(VectorUpsertItemSchema)
  .max(MAX_VECTOR_BATCH, `must be at most ${MAX_VECTOR_BATCH} items`);

export const VectorUpsertOptionsSchema = z.object({ ttlMs: DurationMsSchema }).strict();

export const VectorConditionSchema = z.union([
  ScalarSchema,
  z.object({ anyOf: z.array(ScalarSchema).min(1).max(1024) }).strict(),
  z.object({ allOf: z.array(z.string().max(1024)).min(1).max(1024) }).strict(),
  z
    .object({
      gte: z.number().refine(finite, 'must be finite').optional(),
      lte: z.number().refine(finite, 'must be finite').optional(),
    })
    .strict()
    .refine((r) => r.gte !== undefined || r.lte !== undefined, 'a range needs gte or lte'),
]);

export const VectorSearchOptionsSchema = z
  .object({
    k: z.number().int().positive().max(MAX_VECTOR_K).default(10),
    where: z.record(AttributeNameSchema, VectorConditionSchema).optional(),
    minScore: z.number().min(-1).max(1).optional(),
  })
  .strict();

export const VectorIdsSchema = z.array(IdSchema).max(MAX_VECTOR_BATCH);
