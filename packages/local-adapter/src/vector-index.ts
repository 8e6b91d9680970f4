import {
  assertQueryVector,
  batchDimensions,
  copyAttributes,
  matrixItem,
  matrixListing,
  parseInput,
  toFloat32,
  VectorIdsSchema,
  type VectorIndex,
  VectorMatrix,
  VectorSchema,
  VectorSearchOptionsSchema,
  VectorUpsertItemsSchema,
  VectorUpsertOptionsSchema,
  vectorKeys,
} from '@agent-memory/core';
import type { LocalBackend } from './backend.js';
import type { PortContext } from './context.js';

interface VectorCollection {
  matrix: VectorMatrix;
  expiresAt: number;
  /** The TTL of the last upsert: a removal resets the collection's TTL to it. */
  ttlMs: number;
}

// Vectors live beside the backend's key map rather than in it: they are a cache of embeddings that
// indexers rebuild from the items, so snapshots leave them out. Keyed by the same wire-protocol key
// as on Redis, so adapters sharing one backend share collections and namespaces isolate them.
const spaces = new WeakMap<LocalBackend, Map<string, VectorCollection>>();

function spaceOf(backend: LocalBackend): Map<string, VectorCollection> {
  let space = spaces.get(backend);
  if (!space) {
    space = new Map();
    spaces.set(backend, space);
  }
  return space;
}

/** VectorIndex in-process: exact cosine search over each collection's matrix (core's VectorMatrix). */
export function createVectorIndex(ctx: PortContext): VectorIndex {
  const { backend, keys } = ctx;
  const space = spaceOf(backend);

  /** The live collection at `key`; an expired one is dropped on the way, like a Redis key. */
  const live = (key: string, now = backend.now()): VectorCollection | undefined => {
    const collection = space.get(key);
    if (!collection) return undefined;
    if (collection.expiresAt > now) return collection;
    space.delete(key);
    return undefined;
  };

  const sweep = (now: number) => {
    for (const [key, collection] of space) if (collection.expiresAt <= now) space.delete(key);
  };

  return {
    async upsert(collection, items, options) {
      ctx.assertOpen();
      const key = vectorKeys(keys, collection).vectors;
      const parsed = parseInput(VectorUpsertItemsSchema, items, 'vector items');
      const { ttlMs } = parseInput(VectorUpsertOptionsSchema, options, 'upsert options');
      for (const item of parsed) ctx.assertSize(item.attributes, 'vector attributes');
      if (parsed.length === 0) return;
      const now = backend.now();
      const current = live(key, now);
      const dim = batchDimensions(parsed, current?.matrix.dimensions)!;
      sweep(now);
      const target = current ?? { matrix: new VectorMatrix(dim, parsed.length), expiresAt: 0, ttlMs };
      for (const item of parsed) target.matrix.set(item.id, item.vector, copyAttributes(item.attributes));
      Object.assign(target, { expiresAt: now + ttlMs, ttlMs });
      space.set(key, target);
    },

    async get(collection, id) {
      ctx.assertOpen();
      const key = vectorKeys(keys, collection).vectors;
      const itemId = parseInput(VectorIdsSchema, [id], 'vector id')[0]!;
      const found = live(key);
      return found ? matrixItem(found.matrix, itemId) : null;
    },

    async list(collection) {
      ctx.assertOpen();
      const found = live(vectorKeys(keys, collection).vectors);
      return found ? matrixListing(found.matrix) : [];
    },

    async search(collection, vector, options = {}) {
      ctx.assertOpen();
      const key = vectorKeys(keys, collection).vectors;
      const query = parseInput(VectorSchema, vector, 'query vector');
      const o = parseInput(VectorSearchOptionsSchema, options, 'search options');
      const found = live(key);
      assertQueryVector(query, found?.matrix.dimensions);
      if (!found) return [];
      return found.matrix.search(toFloat32(query), o);
    },

    async remove(collection, ids) {
      ctx.assertOpen();
      const key = vectorKeys(keys, collection).vectors;
      const parsed = parseInput(VectorIdsSchema, ids, 'vector ids');
      const now = backend.now();
      const found = live(key, now);
      if (!found) return 0;
      let removed = 0;
      for (const id of new Set(parsed)) if (found.matrix.delete(id)) removed++;
      if (found.matrix.size === 0) space.delete(key);
      else found.expiresAt = now + found.ttlMs;
      return removed;
    },

    async count(collection) {
      ctx.assertOpen();
      return live(vectorKeys(keys, collection).vectors)?.matrix.size ?? 0;
    },

    async drop(collection) {
      ctx.assertOpen();
      const key = vectorKeys(keys, collection).vectors;
      const existed = live(key) !== undefined;
      space.delete(key);
      return existed;
    },
  };
}
