import {
  assertId,
  assertQueryVector,
  batchDimensions,
  parseInput,
  toFloat32,
  VectorIdsSchema,
  type VectorIndex,
  VectorMatrix,
  VectorSchema,
  VectorSearchOptionsSchema,
  VectorUpsertItemsSchema,
  VectorUpsertOptionsSchema,
} from '@agent-memory/core';
import type { SqliteContext } from './context.js';
import { createVectorTables, decodeAttributes, decodeVector, encodeVector } from './vector-tables.js';

const MAX_MIRRORS = 256;

interface Mirror {
  gen: number;
  rev: number;
  matrix: VectorMatrix;
}

/**
 * VectorIndex on the file (decision 0004's shape: stored vectors, searched in-process). Each
 * collection is mirrored in memory as core's VectorMatrix; before a search, one indexed read of
 * the collection row tells whether the mirror is current, and when another process (or adapter)
 * wrote since, only the items written after the mirror's revision are read.
 */
export function createVectorIndex(ctx: SqliteContext): VectorIndex {
  const tables = createVectorTables(ctx);
  const mirrors = new Map<string, Mirror>();

  const sync = (collection: string): Mirror | undefined => {
    const now = ctx.clock.now();
    const head = tables.live(collection, now);
    let known = mirrors.get(collection);
    if (!head) {
      mirrors.delete(collection);
      return undefined;
    }
    if (known && known.gen === head.gen && known.rev === head.rev) return remember(collection, known);
    if (known && (known.gen !== head.gen || known.matrix.dimensions !== head.dim)) known = undefined;
    const changes = tables.changes(collection, known?.rev ?? 0, now);
    // dropped, or dropped and created again, between the two reads: the next call starts over
    if (!changes || changes.row.gen !== head.gen) {
      mirrors.delete(collection);
      return changes ? sync(collection) : undefined;
    }
    const mirror = known ?? { gen: head.gen, rev: 0, matrix: new VectorMatrix(changes.row.dim) };
    const present = new Set(changes.ids);
    for (const id of mirror.matrix.allIds()) if (!present.has(id)) mirror.matrix.delete(id);
    for (const item of changes.changed) {
      mirror.matrix.set(
        item.id,
        decodeVector(item.vector, mirror.matrix.dimensions, ctx.file),
        decodeAttributes(item.attributes),
      );
    }
    mirror.rev = changes.row.rev;
    return remember(collection, mirror);
  };

  /** Marks the mirror most recently used; the least recently used ones go past MAX_MIRRORS. */
  const remember = (collection: string, mirror: Mirror): Mirror => {
    mirrors.delete(collection);
    mirrors.set(collection, mirror);
    for (const oldest of mirrors.keys()) {
      if (mirrors.size <= MAX_MIRRORS) break;
      mirrors.delete(oldest);
    }
    return mirror;
  };

  return {
    async upsert(collection, items, options) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      const parsed = parseInput(VectorUpsertItemsSchema, items, 'vector items');
      const { ttlMs } = parseInput(VectorUpsertOptionsSchema, options, 'upsert options');
      const encoded = parsed.map((item) => ({
        id: item.id,
        vector: encodeVector(item.vector),
        attributes: ctx.json(item.attributes, 'vector attributes'),
      }));
      const dim = batchDimensions(parsed, undefined);
      if (dim === undefined) return;
      const now = ctx.clock.now();
      const stored = ctx.write('vector upsert', () => tables.upsert(collection, encoded, dim, ttlMs, now));
      // the collection holds another dimension: the same error as a mixed batch, nothing written
      if (stored !== dim) batchDimensions(parsed, stored);
    },

    async get(collection, id) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      const itemId = parseInput(VectorIdsSchema, [id], 'vector id')[0]!;
      const item = ctx.read('vector get', () => tables.item(collection, itemId, ctx.clock.now()));
      if (!item) return null;
      return {
        id: itemId,
        vector: decodeVector(item.vector, item.dim, ctx.file),
        attributes: decodeAttributes(item.attributes),
      };
    },

    async list(collection) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      const rows = ctx.read('vector list', () => tables.entries(collection, ctx.clock.now()));
      return rows.map((row) => ({ id: row.id, attributes: decodeAttributes(row.attributes) }));
    },

    async search(collection, vector, options = {}) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      const query = parseInput(VectorSchema, vector, 'query vector');
      const o = parseInput(VectorSearchOptionsSchema, options, 'search options');
      assertQueryVector(query, undefined);
      const mirror = ctx.read('vector search', () => sync(collection));
      assertQueryVector(query, mirror?.matrix.dimensions);
      if (!mirror) return [];
      return mirror.matrix.search(toFloat32(query), o);
    },

    async remove(collection, ids) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      const parsed = [...new Set(parseInput(VectorIdsSchema, ids, 'vector ids'))];
      if (parsed.length === 0) return 0;
      return ctx.write('vector remove', () => tables.remove(collection, parsed, ctx.clock.now()));
    },

    async count(collection) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      return ctx.read('vector count', () => tables.count(collection, ctx.clock.now()));
    },

    async drop(collection) {
      ctx.assertOpen();
      assertId(collection, 'collection');
      mirrors.delete(collection);
      return ctx.write('vector drop', () => tables.drop(collection, ctx.clock.now()));
    },
  };
}
