import { randomUUID } from 'node:crypto';
import {
  MemoryError,
  type Pattern,
  type PatternFilter,
  type PatternHit,
  type PatternInput,
  PatternInputSchema,
  PatternSchema,
  type PatternSearchOptions,
  type PatternStore,
  type PatternVersion,
  type PatternWriteMeta,
  parseInput,
} from '@agent-memory/core';

/**
 * A PatternStore kept in a Map: a collaborator for coordination tests (promotion needs somewhere
 * to save), not the thing under test. Each save is one "commit" in the history.
 */
export class MemoryPatternStore implements PatternStore {
  readonly #patterns = new Map<string, Pattern>();
  readonly #history = new Map<string, PatternVersion[]>();
  /** Every save call that went through, in order: what a double promotion would show. */
  readonly saves: { id: string; meta: PatternWriteMeta | undefined }[] = [];
  /** Makes the next save fail (BACKEND_UNAVAILABLE), to test that promotion can be retried. */
  failNextSave = false;
  #held: Promise<void> | undefined;

  /** Holds the next save until the returned function is called: a validator stuck mid-save. */
  holdNextSave(): () => void {
    let release!: () => void;
    this.#held = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  }

  async save(input: PatternInput, meta?: PatternWriteMeta): Promise<Pattern> {
    const [saved] = await this.saveMany([input], meta);
    return saved!;
  }

  async saveMany(inputs: PatternInput[], meta?: PatternWriteMeta): Promise<Pattern[]> {
    if (this.failNextSave) {
      this.failNextSave = false;
      throw new MemoryError('BACKEND_UNAVAILABLE', 'pattern repository unavailable');
    }
    const held = this.#held;
    this.#held = undefined;
    if (held) await held;
    // Let other promotions interleave here, as a git commit would.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = new Date().toISOString();
    return inputs.map((raw) => {
      const input = parseInput(PatternInputSchema, raw, 'pattern');
      const id = input.id ?? `p-${randomUUID().slice(0, 8)}`;
      const previous = this.#patterns.get(id);
      const pattern = PatternSchema.parse({ ...input, id, created: previous?.created ?? now, updated: now });
      this.#patterns.set(id, pattern);
      const versions = this.#history.get(id) ?? [];
      versions.unshift({
        commit: randomUUID(),
        author: meta?.agentId ?? pattern.author,
        date: now,
        message: meta?.message ?? '',
      });
      this.#history.set(id, versions);
      this.saves.push({ id, meta });
      return pattern;
    });
  }

  async get(id: string): Promise<Pattern | null> {
    return this.#patterns.get(id) ?? null;
  }

  async list(filter: PatternFilter = {}): Promise<Pattern[]> {
    return [...this.#patterns.values()].filter(
      (p) =>
        (filter.kind === undefined || p.kind === filter.kind) &&
        (filter.tag === undefined || p.tags.includes(filter.tag)),
    );
  }

  async search(query: string, options: PatternSearchOptions = {}): Promise<PatternHit[]> {
    const q = query.toLowerCase();
    return (await this.list(options))
      .filter((p) => `${p.title} ${p.summary} ${p.body}`.toLowerCase().includes(q))
      .slice(0, options.limit ?? 10)
      .map((pattern) => ({ pattern, score: 1 }));
  }

  async history(id: string): Promise<PatternVersion[]> {
    return this.#history.get(id) ?? [];
  }

  async remove(id: string): Promise<boolean> {
    return this.#patterns.delete(id);
  }
}
