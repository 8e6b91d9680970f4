import {
  assertQueryVector,
  batchDimensions,
  matrixItem,
  matrixListing,
  parseInput,
  toFloat32,
  VectorIdsSchema,
  type VectorIndex,
  VectorSchema,
  VectorSearchOptionsSchema,
  VectorUpsertItemsSchema,
  VectorUpsertOptionsSchema,
  vectorKeys,
} from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { assertWithinLimit } from './size-limit.js';
import { corrupt } from './stored-data.js';
import { encodeVector } from './vector-index-codec.js';
import { VectorMirrors } from './vector-index-mirror.js';
import { registerVectorScripts } from './vector-index-scripts.js';

/**
 * VectorIndex on Redis (decision 0004): each collection is four keys in one hash slot (vectors as
 * float32 bytes in a HASH, attributes as JSON, a ZSET of write revisions, a meta HASH), written
 * by one script that also resets their TTL. Searches run in-process over a mirror that catches up
 * with one round trip when nothing changed.
 */
export function createVectorIndex(ctx: RedisContext): VectorIndex {
  const scripts = registerVectorScripts(ctx.client);
  const mirrors = new VectorMirrors(ctx, scripts);
  const { keys, config } = ctx;
  const keysOf = (collection: string) => vectorKeys(keys, collection);
  const all = (k: ReturnType<typeof keysOf>) => [k.vectors, k.attributes, k.revisions, k.meta];

  return {
    async upsert(collection, items, options) {
      const k = keysOf(collection);
      const parsed = parseInput(VectorUpsertItemsSchema, items, 'vector items');
      const { ttlMs } = parseInput(VectorUpsertOptionsSchema, options, 'upsert options');
      for (const item of parsed)
        assertWithinLimit(item.attributes, config.limits.maxValueBytes, 'vector attributes');
      const dim = batchDimensions(parsed, undefined);
      if (dim === undefined) {
        ctx.assertOpen();
        return;
      }
      const args = parsed.flatMap((item) => [
        item.id,
        encodeVector(item.vector),
        JSON.stringify(item.attributes),
      ]);
      const reply = await ctx.run('vector upsert', k.vectors, () =>
        scripts.upsert(all(k), [ttlMs, dim, ...args]),
      );
      if (!Array.isArray(reply)) throw corrupt(k.meta, 'unexpected vector upsert reply');
      if (reply[0] === -1) batchDimensions(parsed, Number(reply[1]));
    },

    async get(collection, id) {
      const k = keysOf(collection);
      const itemId = parseInput(VectorIdsSchema, [id], 'vector id')[0]!;
      const mirror = await mirrors.sync(k);
      return mirror ? matrixItem(mirror.matrix, itemId) : null;
    },

    async list(collection) {
      const mirror = await mirrors.sync(keysOf(collection));
      return mirror ? matrixListing(mirror.matrix) : [];
    },

    async search(collection, vector, options = {}) {
      const k = keysOf(collection);
      const query = parseInput(VectorSchema, vector, 'query vector');
      const o = parseInput(VectorSearchOptionsSchema, options, 'search options');
      assertQueryVector(query, undefined);
      const mirror = await mirrors.sync(k);
      assertQueryVector(query, mirror?.matrix.dimensions);
      return mirror ? mirror.matrix.search(toFloat32(query), o) : [];
    },

    async remove(collection, ids) {
      const k = keysOf(collection);
      const parsed = [...new Set(parseInput(VectorIdsSchema, ids, 'vector ids'))];
      if (parsed.length === 0) {
        ctx.assertOpen();
        return 0;
      }
      const removed = await ctx.run('vector remove', k.vectors, () => scripts.remove(all(k), parsed));
      return Number(removed);
    },

    async count(collection) {
      return (await mirrors.sync(keysOf(collection)))?.matrix.size ?? 0;
    },

    async drop(collection) {
      const k = keysOf(collection);
      const deleted = await ctx.run('vector drop', k.vectors, () => ctx.client.del(...all(k)));
      mirrors.forget(k);
      return deleted > 0;
    },
  };
}
