import { type VectorKeys, VectorMatrix } from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { corrupt } from './stored-data.js';
import { decodeAttributes, decodeVector } from './vector-index-codec.js';
import type { VectorScripts } from './vector-index-scripts.js';

const FETCH_CHUNK = 500;
const MAX_MIRRORS = 256;

interface Mirror {
  gen: string;
  rev: number;
  matrix: VectorMatrix;
}

/**
 * Process-local copies of collections, searched in-process. Before every read one script call
 * compares the mirror's (generation, revision) with the collection's; on a change it lists every
 * id with the revision that last wrote it and fetches only what is newer than the mirror, so a
 * search after a few appends moves a few vectors, not the collection. A collection that expired or
 * was dropped answers with no generation and its mirror is forgotten.
 */
export class VectorMirrors {
  private readonly mirrors = new Map<string, Mirror>();
  private readonly syncing = new Map<string, Promise<Mirror | undefined>>();

  constructor(
    private readonly ctx: RedisContext,
    private readonly scripts: VectorScripts,
  ) {}

  /** The collection as Redis holds it now, or undefined when it does not exist. */
  sync(keys: VectorKeys): Promise<Mirror | undefined> {
    const previous = this.syncing.get(keys.vectors) ?? Promise.resolve(undefined);
    // One sync per collection at a time: a second caller waits and then checks again (cheaply).
    const next = previous.catch(() => undefined).then(() => this.syncOnce(keys));
    this.syncing.set(keys.vectors, next);
    const forget = () => {
      if (this.syncing.get(keys.vectors) === next) this.syncing.delete(keys.vectors);
    };
    next.then(forget, forget);
    return next;
  }

  forget(keys: VectorKeys): void {
    this.mirrors.delete(keys.vectors);
  }

  private async syncOnce(keys: VectorKeys): Promise<Mirror | undefined> {
    const all = [keys.vectors, keys.attributes, keys.revisions, keys.meta];
    const known = this.mirrors.get(keys.vectors);
    const reply = await this.ctx.run('vector changes', keys.vectors, () =>
      this.scripts.changes(all, [known?.gen ?? '', known ? String(known.rev) : '']),
    );
    if (!Array.isArray(reply) || reply.length < 3)
      throw corrupt(keys.meta, 'unexpected vector changes reply');
    const [gen, rev, dim, listing] = reply as [string, number, number, string[] | undefined];
    if (gen === '') {
      this.mirrors.delete(keys.vectors);
      return undefined;
    }
    if (!Number.isInteger(dim) || dim < 1) throw corrupt(keys.meta, 'collection has no valid dimension');
    if (listing === undefined && known) return this.touch(keys.vectors, known);

    const fresh = !known || known.gen !== gen || known.matrix.dimensions !== dim;
    const mirror: Mirror = fresh ? { gen, rev: 0, matrix: new VectorMatrix(dim) } : known;
    const listed = new Map<string, number>();
    for (let i = 0; i + 1 < (listing ?? []).length; i += 2) listed.set(listing![i]!, Number(listing![i + 1]));
    for (const id of mirror.matrix.allIds()) if (!listed.has(id)) mirror.matrix.delete(id);
    const stale = [...listed]
      .filter(([id, at]) => at > mirror.rev || !mirror.matrix.has(id))
      .map(([id]) => id);
    for (let i = 0; i < stale.length; i += FETCH_CHUNK) {
      await this.fetch(keys, mirror, stale.slice(i, i + FETCH_CHUNK));
    }
    mirror.gen = gen;
    mirror.rev = rev;
    return this.touch(keys.vectors, mirror);
  }

  private async fetch(keys: VectorKeys, mirror: Mirror, ids: string[]): Promise<void> {
    const { client } = this.ctx;
    const [vectors, attributes] = await this.ctx.run('vector fetch', keys.vectors, () =>
      Promise.all([client.hmgetBuffer(keys.vectors, ...ids), client.hmget(keys.attributes, ...ids)]),
    );
    ids.forEach((id, i) => {
      const bytes = vectors[i];
      const json = attributes[i];
      // Removed between the listing and this read: the next sync's listing will not have it either.
      if (!bytes || json == null) {
        mirror.matrix.delete(id);
        return;
      }
      mirror.matrix.set(
        id,
        decodeVector(bytes, mirror.matrix.dimensions, keys.vectors),
        decodeAttributes(json, keys.attributes),
      );
    });
  }

  /** Marks the mirror most recently used; the least recently used ones go past MAX_MIRRORS. */
  private touch(key: string, mirror: Mirror): Mirror {
    this.mirrors.delete(key);
    this.mirrors.set(key, mirror);
    for (const oldest of this.mirrors.keys()) {
      if (this.mirrors.size <= MAX_MIRRORS) break;
      this.mirrors.delete(oldest);
    }
    return mirror;
  }
}
