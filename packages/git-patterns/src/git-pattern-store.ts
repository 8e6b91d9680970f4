import path from 'node:path';
import {
  MemoryError,
  type Pattern,
  type PatternFilter,
  PatternFilterSchema,
  type PatternHit,
  PatternIdSchema,
  type PatternInput,
  type PatternSearchOptions,
  PatternSearchOptionsSchema,
  type PatternStore,
  type PatternWriteMeta,
  parseInput,
  toMemoryError,
} from '@agent-memory/core';
import { z } from 'zod';
import { type ExtractCandidate, type ExtractOptions, extractBugFixes } from './extract.js';
import { HeadReader } from './head-reader.js';
import { IndexCacheFile } from './index-cache-file.js';
import { type GitPatternStoreOptions, parseOptions } from './options.js';
import { byRecency, patternPredicate } from './pattern-filter.js';
import { type GitPatternVersion, type PatternDiff, PatternHistory } from './pattern-history.js';
import { createIdGenerator } from './pattern-ids.js';
import { PatternIndex } from './pattern-index.js';
import { PatternPaths } from './pattern-paths.js';
import { locatePattern } from './pattern-reader.js';
import { PatternWriter } from './pattern-writer.js';
import { PendingWrites } from './pending-writes.js';
import { openRepository } from './repository.js';
import { documentBoost, topBoosted } from './search-ranking.js';
import { type SyncResult, syncWithRemote } from './sync.js';
import { WriteLock } from './write-lock.js';

const QuerySchema = z.string().max(1000);
const InputListSchema = z.array(z.unknown()).max(10_000);

/** PatternStore over a git repository, plus what only git can answer. */
export interface GitPatternStore extends PatternStore {
  /** Real path of the repository's work tree. */
  readonly root: string;
  /** Absolute path of the patterns folder. */
  readonly dir: string;
  history(id: string): Promise<GitPatternVersion[]>;
  /** The newest commit that touched the patterns folder (what `status` shows); null before any save. */
  lastCommit(): Promise<GitPatternVersion | null>;
  /** The pattern as of a commit (id, branch, tag, `HEAD~n`); null if it did not exist then. */
  at(id: string, commit: string): Promise<Pattern | null>;
  /** What changed in one pattern between two commits (`to` defaults to HEAD). */
  diff(id: string, from: string, to?: string): Promise<PatternDiff>;
  /** Pull (rebase) from the remote, keep both sides of conflicting pattern edits, push. */
  sync(): Promise<SyncResult>;
  /** Candidate bug-fix patterns from this repository's own history. Returned, never saved. */
  extract(options?: ExtractOptions): Promise<ExtractCandidate[]>;
  /** Re-reads every pattern file (the index is otherwise kept up to date incrementally). */
  reindex(): Promise<{ patterns: number; corrupt: string[] }>;
  /** Waits for running calls, keeps the index snapshot for the next process; later calls fail with CLOSED. */
  close(): Promise<void>;
}

export async function createGitPatternStore(options: GitPatternStoreOptions): Promise<GitPatternStore> {
  try {
    const resolved = parseOptions(options);
    const repo = await openRepository({ repo: resolved.repo, init: resolved.init, author: resolved.author });
    const paths = PatternPaths.create(repo.root, resolved.dir);
    const now = resolved.clock ?? (() => new Date());
    const newId = createIdGenerator(resolved.idStyle, now);
    const lock = new WriteLock(repo.gitDir, {
      timeoutMs: resolved.lockTimeoutMs,
      staleMs: resolved.lockStaleMs,
    });
    const index = new PatternIndex(
      repo.git,
      paths,
      new IndexCacheFile(repo.gitDir, paths.relDir),
      new HeadReader(repo.git, repo.worktreeGitDir, repo.gitDir),
    );
    const scratchDir = path.join(repo.gitDir, 'agent-memory');
    const pending = new PendingWrites(repo.git, repo.root, scratchDir);
    const writer = new PatternWriter({
      git: repo.git,
      paths,
      scratchDir,
      lock,
      pending,
      now,
      newId,
      policy: { secrets: resolved.secrets, pii: resolved.pii ?? resolved.secrets },
      onRedaction: resolved.onRedaction,
      onWritten: (written, removed) => index.apply(written, removed),
    });
    return new Store({
      paths,
      index,
      writer,
      history: new PatternHistory(repo.git, paths),
      now,
      sync: () =>
        lock.run(async () => {
          // A dead save's staged file would otherwise stop the sync as if it were the user's.
          await pending.recover();
          return syncWithRemote({
            git: repo.git,
            paths,
            remote: resolved.remote,
            branch: resolved.branch,
            now,
            newId,
          });
        }),
      extract: (extractOptions) => extractBugFixes(repo.git, paths, index, extractOptions),
    });
  } catch (error) {
    throw toMemoryError(error, 'BACKEND_UNAVAILABLE', 'cannot open the pattern store');
  }
}

interface StoreParts {
  paths: PatternPaths;
  index: PatternIndex;
  writer: PatternWriter;
  history: PatternHistory;
  now: () => Date;
  sync: () => Promise<SyncResult>;
  extract: (options?: ExtractOptions) => Promise<ExtractCandidate[]>;
}

class Store implements GitPatternStore {
  private closed = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly parts: StoreParts) {}

  get root(): string {
    return this.parts.paths.root;
  }

  get dir(): string {
    return this.parts.paths.absDir;
  }

  save(input: PatternInput, meta?: PatternWriteMeta): Promise<Pattern> {
    return this.call(async () => {
      const [saved] = await this.parts.writer.saveMany([input], meta);
      if (!saved) throw new MemoryError('INTERNAL', 'save returned nothing');
      return saved;
    });
  }

  saveMany(inputs: PatternInput[], meta?: PatternWriteMeta): Promise<Pattern[]> {
    return this.call(() =>
      this.parts.writer.saveMany(parseInput(InputListSchema, inputs, 'patterns') as PatternInput[], meta),
    );
  }

  get(id: string): Promise<Pattern | null> {
    return this.call(async () => {
      const found = await locatePattern(this.parts.paths, parseInput(PatternIdSchema, id, 'pattern id'));
      return found?.pattern ?? null;
    });
  }

  list(filter?: PatternFilter): Promise<Pattern[]> {
    return this.call(async () => {
      const parsed = parseInput(PatternFilterSchema, filter ?? {}, 'pattern filter');
      await this.parts.index.refresh();
      const all = [...this.parts.index.all()];
      const matches = patternPredicate(parsed, this.parts.index.supersededIds());
      // Copies: callers may mutate what they get without corrupting the shared index.
      return all
        .filter(matches)
        .sort(byRecency)
        .slice(0, parsed.limit ?? all.length)
        .map((pattern) => structuredClone(pattern));
    });
  }

  search(query: string, options?: PatternSearchOptions): Promise<PatternHit[]> {
    return this.call(async () => {
      const text = parseInput(QuerySchema, query, 'search query');
      const parsed = parseInput(PatternSearchOptionsSchema, options ?? {}, 'search options');
      await this.parts.index.refresh();
      if (text.trim() === '') return [];
      const { index } = this.parts;
      const matches = patternPredicate(parsed, index.supersededIds());
      const nowMs = this.parts.now().getTime();
      const fullText = await index.fullText();
      const results = fullText.search(text, {
        // Typo tolerance only where a term is long enough for one edit not to change its meaning.
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 3,
      });
      const accept = (id: string) => {
        const pattern = index.get(id);
        return pattern !== undefined && matches(pattern) ? pattern : undefined;
      };
      const best = topBoosted(results, parsed.limit, accept, (pattern) => documentBoost(pattern, nowMs));
      return best.map(({ item, score }) => ({ pattern: structuredClone(item), score }));
    });
  }

  history(id: string): Promise<GitPatternVersion[]> {
    return this.call(() => this.parts.history.history(id));
  }

  lastCommit(): Promise<GitPatternVersion | null> {
    return this.call(() => this.parts.history.lastCommit());
  }

  remove(id: string, meta?: PatternWriteMeta): Promise<boolean> {
    return this.call(() => this.parts.writer.remove(id, meta));
  }

  at(id: string, commit: string): Promise<Pattern | null> {
    return this.call(() => this.parts.history.at(id, commit));
  }

  diff(id: string, from: string, to?: string): Promise<PatternDiff> {
    return this.call(() => this.parts.history.diff(id, from, to));
  }

  sync(): Promise<SyncResult> {
    return this.call(() => this.parts.sync());
  }

  extract(options?: ExtractOptions): Promise<ExtractCandidate[]> {
    return this.call(() => this.parts.extract(options));
  }

  reindex(): Promise<{ patterns: number; corrupt: string[] }> {
    return this.call(async () => {
      await this.parts.index.rebuild();
      return { patterns: [...this.parts.index.all()].length, corrupt: [...this.parts.index.corrupt].sort() };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.running]);
    await this.parts.index.persist();
  }

  /** Every public call: refused after close, tracked for close, and only ever rejects with MemoryError. */
  private call<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new MemoryError('CLOSED', 'the pattern store is closed'));
    const running = (async () => {
      try {
        return await operation();
      } catch (error) {
        throw toMemoryError(error, 'BACKEND_UNAVAILABLE');
      }
    })();
    this.running.add(running);
    const forget = () => this.running.delete(running);
    running.then(forget, forget);
    return running;
  }
}
