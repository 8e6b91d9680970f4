import { MemoryError } from '../errors.js';
import type { PatternStore } from '../ports/pattern-store.js';
import {
  type Pattern,
  PatternFilterSchema,
  PatternIdSchema,
  PatternInputSchema,
  PatternSchema,
  PatternSearchOptionsSchema,
  type PatternVersion,
} from '../schemas/pattern.js';
import { parseInput } from '../validation.js';
import { describePatternStore } from './pattern-store-suite.js';

// A deliberately small in-memory PatternStore: it proves the suite itself is consistent (it can be
// passed) while the git-backed store is written elsewhere. Not exported; not a product.
function createMemoryPatternStore(): PatternStore {
  const patterns = new Map<string, Pattern>();
  const history = new Map<string, PatternVersion[]>();
  let commits = 0;

  const id = (value: unknown) => parseInput(PatternIdSchema, value, 'pattern id');
  const slug = (title: string) =>
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'pattern';
  const superseded = () => new Set([...patterns.values()].flatMap((p) => p.supersedes));
  const visible = (filter: ReturnType<typeof PatternFilterSchema.parse>) => {
    const hidden = filter.includeSuperseded ? new Set<string>() : superseded();
    return [...patterns.values()].filter(
      (p) =>
        !hidden.has(p.id) &&
        (!filter.kind || p.kind === filter.kind) &&
        (!filter.tag || p.tags.includes(filter.tag)) &&
        (!filter.file || p.files.includes(filter.file)) &&
        (!filter.author || p.author === filter.author) &&
        (!filter.since || p.updated >= filter.since),
    );
  };
  const prepare = (input: unknown): Pattern => {
    const parsed = parseInput(PatternInputSchema, input, 'pattern');
    const now = new Date().toISOString();
    const pid = parsed.id ?? `${slug(parsed.title)}-${(++commits).toString(36)}`;
    const created = patterns.get(pid)?.created ?? parsed.created ?? now;
    return PatternSchema.parse({ ...parsed, id: pid, created, updated: now });
  };
  const commit = (list: Pattern[], message: string) => {
    const version = { commit: `c${++commits}`, author: 'test', date: new Date().toISOString(), message };
    for (const p of list) {
      patterns.set(p.id, p);
      history.set(p.id, [version, ...(history.get(p.id) ?? [])]);
    }
  };

  return {
    async save(input, meta) {
      const p = prepare(input);
      commit([p], meta?.message ?? `save ${p.id}`);
      return structuredClone(p);
    },
    async saveMany(inputs, meta) {
      if (!Array.isArray(inputs))
        throw new MemoryError('INVALID_INPUT', 'invalid patterns: must be an array');
      const list = inputs.map(prepare);
      commit(list, meta?.message ?? 'save patterns');
      return structuredClone(list);
    },
    async get(pid) {
      return structuredClone(patterns.get(id(pid)) ?? null);
    },
    async list(filter) {
      return structuredClone(visible(parseInput(PatternFilterSchema, filter ?? {}, 'filter')));
    },
    async search(query, options) {
      if (typeof query !== 'string')
        throw new MemoryError('INVALID_INPUT', 'invalid query: must be a string');
      const o = parseInput(PatternSearchOptionsSchema, options ?? {}, 'search options');
      const words = query.toLowerCase().split(/\W+/).filter(Boolean);
      return visible(o)
        .map((pattern) => {
          const title = pattern.title.toLowerCase();
          const text = `${pattern.summary} ${pattern.body}`.toLowerCase();
          const score = words.reduce((s, w) => s + (title.includes(w) ? 3 : 0) + text.split(w).length - 1, 0);
          return { pattern: structuredClone(pattern), score };
        })
        .filter((hit) => hit.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, o.limit);
    },
    async history(pid) {
      return structuredClone(history.get(id(pid)) ?? []);
    },
    async remove(pid) {
      return patterns.delete(id(pid));
    },
  };
}

describePatternStore('in-memory reference', async () => ({ store: createMemoryPatternStore() }));
