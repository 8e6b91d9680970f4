import type { Pattern } from '@agent-memory/core';
import type MiniSearch from 'minisearch';
import { readTextOrNull } from './atomic-file.js';
import type { GitRunner } from './git-runner.js';
import type { HeadReader } from './head-reader.js';
import type { IndexCacheFile } from './index-cache-file.js';
import { supersededIds } from './pattern-filter.js';
import type { PatternPaths } from './pattern-paths.js';
import { parseStored } from './pattern-reader.js';
import { FIELD_BOOST } from './search-ranking.js';

const READ_CONCURRENCY = 16;
const SEARCH_FIELDS = ['title', 'summary', 'body', 'tags', 'files'] as const;

/**
 * Every committed pattern, parsed, plus a MiniSearch full-text index over them, both tied to the
 * commit they were read at. Before each read the store calls `refresh()`: if HEAD moved (our own
 * save, another process's save, a pull) only the files in `git diff --name-only <old> <new>` are
 * re-read; if it did not, no git process runs (see HeadReader). A first refresh starts from the
 * snapshot in the git directory when there is one. The full-text index is built (and MiniSearch
 * loaded) on the first search only: listing, showing and saving never pay for it.
 */
export class PatternIndex {
  private head: string | null | undefined;
  private readonly patterns = new Map<string, Pattern>();
  /** Null until the first search; from then on kept in step with `patterns`. */
  private search: MiniSearch<Pattern> | null = null;
  private refreshing: Promise<void> | null = null;
  /** supersededIds of every pattern, kept until the next change: every list and search needs it. */
  private superseded: Set<string> | null = null;
  /** Files that failed to parse at the last read, repository-relative (hand edits gone wrong). */
  readonly corrupt = new Set<string>();

  constructor(
    private readonly git: GitRunner,
    private readonly paths: PatternPaths,
    private readonly cache: IndexCacheFile,
    private readonly headReader: HeadReader,
  ) {}

  all(): IterableIterator<Pattern> {
    return this.patterns.values();
  }

  get(id: string): Pattern | undefined {
    return this.patterns.get(id);
  }

  /** Ids some pattern supersedes (read-only: shared until the index changes). */
  supersededIds(): ReadonlySet<string> {
    this.superseded ??= supersededIds(this.patterns.values());
    return this.superseded;
  }

  /** The full-text index over every pattern, built on first use. */
  async fullText(): Promise<MiniSearch<Pattern>> {
    if (this.search) return this.search;
    const { default: MiniSearchClass } = await import('minisearch');
    // Built after the import, in one step: puts and drops made meanwhile are already in `patterns`.
    this.search ??= createSearch(MiniSearchClass, this.patterns.values());
    return this.search;
  }

  /** Brings the index to HEAD; concurrent callers share one refresh. */
  async refresh(): Promise<void> {
    while (this.refreshing) await this.refreshing;
    this.refreshing = this.refreshOnce().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
  }

  /** Throws everything away and reads every pattern file of HEAD again. */
  async rebuild(): Promise<void> {
    while (this.refreshing) await this.refreshing;
    this.refreshing = (async () => {
      const head = await this.readHead();
      await this.readAll(head);
      await this.cache.save({ head, patterns: [...this.patterns.values()] });
    })().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
  }

  /** Our own writes are visible at once; the next refresh re-reads them from the commit anyway. */
  apply(written: Pattern[], removedIds: string[]): void {
    for (const pattern of written) this.put(pattern);
    for (const id of removedIds) this.drop(id);
  }

  async persist(): Promise<void> {
    if (this.head === undefined) return;
    await this.cache.save({ head: this.head, patterns: [...this.patterns.values()] });
  }

  private async refreshOnce(): Promise<void> {
    const head = await this.readHead();
    if (this.head === undefined) {
      const snapshot = await this.cache.load();
      if (snapshot && (await this.applyDiff(snapshot.head, head, snapshot.patterns))) return;
      await this.readAll(head);
      await this.cache.save({ head, patterns: [...this.patterns.values()] });
      return;
    }
    if (this.head === head) return;
    if (!(await this.applyDiff(this.head, head))) await this.readAll(head);
  }

  /** Moves from `from` to `to` by re-reading changed files; false when the diff cannot be computed. */
  private async applyDiff(from: string | null, to: string | null, base?: Pattern[]): Promise<boolean> {
    let changed: string[];
    if (from === to) {
      changed = [];
    } else if (from === null || to === null) {
      return false;
    } else {
      const result = await this.git.run(
        ['diff', '--name-only', '-z', '--no-renames', from, to, '--', this.pathspec()],
        { okExitCodes: [128] },
      );
      if (result.exitCode !== 0) return false;
      changed = result.stdout.split('\0').filter(Boolean);
    }
    if (base) {
      this.reset();
      for (const pattern of base) this.put(pattern);
    }
    await this.readFiles(changed);
    this.head = to;
    return true;
  }

  private async readAll(head: string | null): Promise<void> {
    this.reset();
    if (head !== null) {
      const listing = await this.git.text([
        'ls-tree',
        '-r',
        '-z',
        '--name-only',
        head,
        '--',
        this.pathspec(),
      ]);
      await this.readFiles(listing.split('\0').filter(Boolean));
    }
    this.head = head;
  }

  /** Reads pattern files from the work tree; a missing file means the pattern was removed. */
  private async readFiles(rels: string[]): Promise<void> {
    const targets = rels.flatMap((rel) => {
      const parsed = this.paths.parseRel(rel);
      return parsed ? [{ rel, ...parsed }] : [];
    });
    for (let i = 0; i < targets.length; i += READ_CONCURRENCY) {
      const batch = targets.slice(i, i + READ_CONCURRENCY);
      const results = await Promise.all(
        batch.map(async ({ rel, kind, id }) => {
          const present = await this.paths.checkFile(kind, id).catch(() => false);
          const text = present ? await readTextOrNull(this.paths.absFile(kind, id)) : null;
          return { rel, kind, id, text };
        }),
      );
      for (const { rel, kind, id, text } of results) {
        this.corrupt.delete(rel);
        if (text === null) {
          // The file may have moved to another kind folder in the same diff: only drop this copy.
          if (this.patterns.get(id)?.kind === kind) this.drop(id);
          continue;
        }
        try {
          this.put(parseStored({ kind, rel, abs: this.paths.absFile(kind, id), text }, id));
        } catch {
          this.corrupt.add(rel);
          if (this.patterns.get(id)?.kind === kind) this.drop(id);
        }
      }
    }
  }

  private readHead(): Promise<string | null> {
    return this.headReader.read();
  }

  private pathspec(): string {
    return this.paths.relDir === '' ? '.' : this.paths.relDir;
  }

  private put(pattern: Pattern): void {
    this.superseded = null;
    if (this.search?.has(pattern.id)) this.search.discard(pattern.id);
    this.patterns.set(pattern.id, pattern);
    this.search?.add(pattern);
  }

  private drop(id: string): void {
    this.superseded = null;
    if (this.search?.has(id)) this.search.discard(id);
    this.patterns.delete(id);
  }

  private reset(): void {
    this.superseded = null;
    this.patterns.clear();
    this.search = null;
    this.corrupt.clear();
  }
}

function createSearch(MiniSearchClass: typeof MiniSearch, patterns: Iterable<Pattern>): MiniSearch<Pattern> {
  const search = new MiniSearchClass<Pattern>({
    idField: 'id',
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    extractField: (pattern, field) => {
      const value = pattern[field as keyof Pattern];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    },
    searchOptions: { boost: { ...FIELD_BOOST }, prefix: true, fuzzy: 0.2 },
  });
  search.addAll([...patterns]);
  return search;
}
