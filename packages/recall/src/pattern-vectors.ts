import type {
  Clock,
  Embedder,
  Pattern,
  PatternStore,
  VectorAttributes,
  VectorCondition,
  VectorIndex,
  VectorUpsertItem,
} from '@agent-memory/core';
import { patternCollection, textFingerprint } from './collection-names.js';

const BODY_CHARS = 4000;
const LIST_LIMIT = 10_000;
const WRITE_CHUNK = 500;

export interface PatternVectorsOptions {
  patterns: PatternStore;
  vectors: VectorIndex;
  embedder: Embedder;
  /** Vectors are a cache of the git patterns: they expire this long after the last sync that wrote. */
  ttlMs: number;
  /** A recall re-checks the store for changed patterns at most this often (0: every recall). */
  syncIntervalMs: number;
  clock: Clock;
}

export interface PatternMatch {
  id: string;
  similarity: number;
}

/**
 * The pattern collection of the VectorIndex, kept in step with the PatternStore the way its own
 * full-text index is: incrementally. A sync lists the patterns (the git store re-reads only files
 * changed since the commit it last saw) and compares each with the fingerprint stored beside its
 * vector: only new or edited patterns are embedded, deleted ones are removed. Processes sharing
 * one Redis share the vectors, so a pattern is embedded once per model, not once per process.
 */
export class PatternVectors {
  private lastSync = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;
  private known = new Map<string, Pattern>();

  constructor(private readonly options: PatternVectorsOptions) {}

  get collection(): string {
    return patternCollection(this.options.embedder.id);
  }

  /** The pattern as of the last sync (for vector hits the full-text search did not return). */
  pattern(id: string): Pattern | undefined {
    return this.known.get(id);
  }

  /** Syncs when the interval has passed (or `force`); concurrent callers share one sync. */
  async sync(force = false): Promise<void> {
    if (this.syncing) return this.syncing;
    if (!force && this.options.clock.now() - this.lastSync < this.options.syncIntervalMs) return;
    this.syncing = this.syncOnce().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  async search(
    vector: Float32Array,
    limit: number,
    where: Record<string, VectorCondition>,
  ): Promise<PatternMatch[]> {
    await this.sync();
    const matches = await this.options.vectors.search(this.collection, vector, { k: limit, where });
    return matches.map((m) => ({ id: m.id, similarity: m.score }));
  }

  private async syncOnce(): Promise<void> {
    const { patterns, vectors, embedder, ttlMs, clock } = this.options;
    const started = clock.now();
    const all = await patterns.list({ includeSuperseded: true, limit: LIST_LIMIT });
    const superseded = new Set(all.flatMap((p) => p.supersedes));
    const stored = new Map((await vectors.list(this.collection)).map((e) => [e.id, e.attributes]));
    const toEmbed: { pattern: Pattern; attributes: VectorAttributes }[] = [];
    const toRelabel: { id: string; attributes: VectorAttributes }[] = [];
    for (const pattern of all) {
      const attributes = attributesOf(pattern, superseded.has(pattern.id));
      const before = stored.get(pattern.id);
      if (!before || before.fp !== attributes.fp) toEmbed.push({ pattern, attributes });
      else if (JSON.stringify(before) !== JSON.stringify(attributes))
        toRelabel.push({ id: pattern.id, attributes });
    }
    const current = new Set(all.map((p) => p.id));
    const gone = [...stored.keys()].filter((id) => !current.has(id));
    if (gone.length > 0) await vectors.remove(this.collection, gone);

    const items: VectorUpsertItem[] = [];
    for (let i = 0; i < toEmbed.length; i += WRITE_CHUNK) {
      const chunk = toEmbed.slice(i, i + WRITE_CHUNK);
      const embedded = await embedder.embed(
        chunk.map(({ pattern }) => embeddingText(pattern)),
        { purpose: 'document' },
      );
      chunk.forEach(({ pattern, attributes }, j) => {
        items.push({ id: pattern.id, vector: embedded[j]!, attributes });
      });
    }
    // Same text, new labels (superseded now, say): the stored vector is reused, not re-embedded.
    for (const { id, attributes } of toRelabel) {
      const record = await vectors.get(this.collection, id);
      if (record) items.push({ id, vector: record.vector, attributes });
    }
    for (let i = 0; i < items.length; i += WRITE_CHUNK) {
      await vectors.upsert(this.collection, items.slice(i, i + WRITE_CHUNK), { ttlMs });
    }
    this.known = new Map(all.map((p) => [p.id, p]));
    this.lastSync = started;
  }
}

/** What is embedded for a pattern: title and summary first (the local embedder weighs every word alike). */
export function embeddingText(pattern: Pattern): string {
  return [
    pattern.title,
    pattern.summary,
    pattern.tags.join(' '),
    pattern.files.join(' '),
    pattern.body.slice(0, BODY_CHARS),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function attributesOf(pattern: Pattern, superseded: boolean): VectorAttributes {
  return {
    kind: pattern.kind,
    tags: pattern.tags,
    updated: Date.parse(pattern.updated),
    superseded,
    fp: textFingerprint(embeddingText(pattern)),
  };
}
