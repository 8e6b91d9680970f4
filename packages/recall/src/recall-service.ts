import {
  type Clock,
  type ConversationWindow,
  type Embedder,
  MemoryError,
  type Pattern,
  type PatternSearchOptions,
  type PatternStore,
  parseInput,
  systemClock,
  toMemoryError,
  type VectorIndex,
  vectorNorm,
} from '@agent-memory/core';
import { loadWordVectors, type WordVectors } from '@agent-memory/word-vectors';
import { ConversationIndex, type RankedMessage } from './conversation-index.js';
import { PatternVectors } from './pattern-vectors.js';
import {
  DEFAULT_QUERY_EXPANSION,
  type ExpansionTerm,
  expandQuery,
  type QueryExpansionOptions,
} from './query-expansion.js';
import { fuseRankings, type RankedList } from './rank-fusion.js';
import {
  hasMessageFilters,
  messageMatches,
  messagesEligible,
  messageWhere,
  patternMatches,
  patternsEligible,
  patternWhere,
} from './recall-filters.js';
import {
  type ParsedRecallOptions,
  type RecallHit,
  type RecallOptions,
  RecallOptionsSchema,
  RecallQuerySchema,
  type RecallRanks,
} from './recall-options.js';

const DAY_MS = 24 * 3600_000;

export interface RecallDependencies {
  embedder: Embedder;
  /** Where vectors live: the short-term adapter's `vectors` (Redis or local). */
  vectors: VectorIndex;
  /** The conversation windows; without one, scope 'conversation' finds nothing. */
  conversation?: ConversationWindow;
  /** Long-term patterns; without a store, scope 'patterns' finds nothing. */
  patterns?: PatternStore | null;
  /** Messages per window (limits.windowLength). Default 100. */
  windowLength?: number;
  /** TTL of conversation vectors: the window TTL (ttl.windowMs). Default 7 days. */
  windowTtlMs?: number;
  /** TTL of pattern vectors, refreshed by every sync that writes. Default 30 days. */
  patternTtlMs?: number;
  /** How often a recall re-checks the pattern store for changes. Default 1000 ms. */
  patternSyncIntervalMs?: number;
  clock?: Clock;
  /**
   * Nearest-neighbour query expansion for the full-text side: each query word brings its nearest
   * words of the table (3 per word at most, cosine ≥ 0.6; weighted by similarity in the
   * conversation BM25, as plain words in the pattern store's search), from `wordVectors` or the table of
   * `@agent-memory/word-vectors` (read on the first recall). Null: the query's own words only.
   */
  queryExpansion?: (Partial<QueryExpansionOptions> & { wordVectors?: WordVectors }) | null;
  /** What the full-text and the vector ranking count for in the fusion (1 and 1 by default). */
  fusionWeights?: { text?: number; vector?: number };
}

/** Recall by meaning over patterns and conversations: full-text and vectors fused by rank. */
export interface Recall {
  readonly embedder: Embedder;
  recall(query: string, options?: RecallOptions): Promise<RecallHit[]>;
  /** Brings the pattern vectors up to the store now (a recall otherwise does it at most once per interval). */
  refreshPatterns(): Promise<void>;
  /** Indexes a user's window now (a recall otherwise does it on demand), e.g. right after appending. */
  indexConversation(userId: string): Promise<void>;
}

interface Candidate {
  hit: () => RecallHit | undefined;
}

export function createRecall(deps: RecallDependencies): Recall {
  const clock = deps.clock ?? systemClock;
  const conversations = deps.conversation
    ? new ConversationIndex({
        conversation: deps.conversation,
        vectors: deps.vectors,
        embedder: deps.embedder,
        windowLength: deps.windowLength ?? 100,
        ttlMs: deps.windowTtlMs ?? 7 * DAY_MS,
      })
    : undefined;
  const patternVectors = deps.patterns
    ? new PatternVectors({
        patterns: deps.patterns,
        vectors: deps.vectors,
        embedder: deps.embedder,
        ttlMs: deps.patternTtlMs ?? 30 * DAY_MS,
        syncIntervalMs: deps.patternSyncIntervalMs ?? 1000,
        clock,
      })
    : undefined;

  // The shipped table is read on the first recall that expands, not when recall is created.
  const expansionSettings = deps.queryExpansion === undefined ? {} : deps.queryExpansion;
  const expansion = expansionSettings
    ? {
        vectors: () => expansionSettings.wordVectors ?? loadWordVectors(),
        options: {
          perWord: expansionSettings.perWord ?? DEFAULT_QUERY_EXPANSION.perWord,
          minSimilarity: expansionSettings.minSimilarity ?? DEFAULT_QUERY_EXPANSION.minSimilarity,
        },
        patternsPerWord: expansionSettings.patternsPerWord ?? DEFAULT_QUERY_EXPANSION.patternsPerWord,
      }
    : undefined;

  async function patternLists(
    query: string,
    expanded: readonly ExpansionTerm[],
    vector: Float32Array | undefined,
    o: ParsedRecallOptions,
    limit: number,
    candidates: Map<string, Candidate>,
  ): Promise<RankedList[]> {
    const store = deps.patterns;
    if (!store || !patternVectors || !patternsEligible(o.filters)) return [];
    const filters = o.filters;
    const found = new Map<string, { pattern?: Pattern; ranks: RecallRanks }>();
    const entry = (id: string) => {
      let e = found.get(id);
      if (!e) {
        e = { ranks: {} };
        found.set(id, e);
        candidates.set(`pattern:${id}`, {
          hit: () => {
            // text hits are the store's copies; a vector-only hit comes from the last sync's listing
            const known = patternVectors.pattern(id);
            const pattern = e!.pattern ?? (known ? structuredClone(known) : undefined);
            return pattern
              ? { source: 'pattern', key: `pattern:${id}`, score: 0, ranks: e!.ranks, pattern }
              : undefined;
          },
        });
      }
      return e;
    };
    const [text, vec] = await Promise.all([
      o.mode === 'vector'
        ? []
        : store.search(
            expanded.length === 0 ? query : `${query} ${expanded.map((t) => t.word).join(' ')}`,
            patternSearchOptions(o, limit),
          ),
      o.mode === 'text' || !vector ? [] : patternVectors.search(vector, limit, patternWhere(filters)),
    ]);
    const textIds = text.filter((h) => patternMatches(h.pattern, filters)).map((h) => h.pattern.id);
    for (const h of text) if (textIds.includes(h.pattern.id)) entry(h.pattern.id).pattern = h.pattern;
    for (const m of vec) entry(m.id).ranks.similarity = m.similarity;
    return [
      { kind: 'text', keys: textIds.map((id) => `pattern:${id}`) },
      { kind: 'vector', keys: vec.map((m) => `pattern:${m.id}`) },
    ];
  }

  async function messageLists(
    query: string,
    expanded: readonly ExpansionTerm[],
    vector: Float32Array | undefined,
    o: ParsedRecallOptions,
    limit: number,
    candidates: Map<string, Candidate>,
  ): Promise<RankedList[]> {
    const userId = o.userId;
    if (!conversations || userId === undefined || !messagesEligible(o.filters)) return [];
    const [text, vec] = await Promise.all([
      o.mode === 'vector'
        ? []
        : conversations.searchText(
            userId,
            query,
            limit,
            hasMessageFilters(o.filters) ? (m) => messageMatches(m, o.filters) : undefined,
            expanded,
          ),
      o.mode === 'text' || !vector
        ? []
        : conversations.searchVector(userId, vector, limit, messageWhere(o.filters)),
    ]);
    const key = (r: RankedMessage) => `message:${userId}:${r.id}`;
    const seen = new Map<string, { ranked: RankedMessage; similarity?: number }>();
    for (const r of text) seen.set(key(r), { ranked: r });
    for (const r of vec) {
      const e = seen.get(key(r));
      if (e) e.similarity = r.similarity!;
      else seen.set(key(r), { ranked: r, similarity: r.similarity! });
    }
    for (const [k, { ranked, similarity }] of seen) {
      candidates.set(k, {
        hit: () => ({
          source: 'message',
          key: k,
          score: 0,
          ranks: similarity === undefined ? {} : { similarity },
          userId,
          messageId: ranked.id,
          message: structuredClone(ranked.message),
        }),
      });
    }
    return [
      { kind: 'text', keys: text.map(key) },
      { kind: 'vector', keys: vec.map(key) },
    ];
  }

  return {
    embedder: deps.embedder,

    async recall(query, options) {
      try {
        const q = parseInput(RecallQuerySchema, query, 'recall query');
        const o = parseInput(RecallOptionsSchema, options ?? {}, 'recall options');
        if (o.scope === 'patterns' && !deps.patterns) {
          throw new MemoryError('NOT_FOUND', 'cannot recall patterns: long-term patterns are off');
        }
        const vector = o.mode === 'text' ? undefined : await queryVector(deps.embedder, q);
        const expand = expansion && o.mode !== 'vector' ? expansion : undefined;
        const expanded =
          expand && o.scope !== 'patterns' ? expandQuery(q, expand.vectors(), expand.options) : [];
        const forPatterns =
          expand && expand.patternsPerWord > 0 && o.scope !== 'conversation'
            ? expandQuery(q, expand.vectors(), { ...expand.options, perWord: expand.patternsPerWord })
            : [];
        // Each list is cut at a few times k: enough for fusion to lift an item that one list ranks
        // low and the other high, without scoring the whole corpus.
        const limit = Math.max(30, o.k * 5);
        const candidates = new Map<string, Candidate>();
        const weights = { text: deps.fusionWeights?.text ?? 1, vector: deps.fusionWeights?.vector ?? 1 };
        const lists = (
          await Promise.all([
            o.scope === 'conversation' ? [] : patternLists(q, forPatterns, vector, o, limit, candidates),
            o.scope === 'patterns' ? [] : messageLists(q, expanded, vector, o, limit, candidates),
          ])
        )
          .flat()
          .map((list) => ({ ...list, weight: weights[list.kind] }));
        const hits: RecallHit[] = [];
        for (const fused of fuseRankings(lists)) {
          const hit = candidates.get(fused.key)?.hit();
          if (!hit) continue;
          hits.push({ ...hit, score: fused.score, ranks: { ...fused.ranks, ...hit.ranks } });
          if (hits.length === o.k) break;
        }
        return hits;
      } catch (error) {
        throw toMemoryError(error);
      }
    },

    async refreshPatterns() {
      try {
        await patternVectors?.sync(true);
      } catch (error) {
        throw toMemoryError(error);
      }
    },

    async indexConversation(userId) {
      try {
        await conversations?.sync(userId);
      } catch (error) {
        throw toMemoryError(error);
      }
    },
  };
}

/** The query's vector, or undefined when it has no features (a zero vector has no direction). */
async function queryVector(embedder: Embedder, query: string): Promise<Float32Array | undefined> {
  const [vector] = await embedder.embed([query], { purpose: 'query' });
  return vector && vectorNorm(vector) > 0 ? vector : undefined;
}

function patternSearchOptions(o: ParsedRecallOptions, limit: number): PatternSearchOptions {
  const { kind, tags, since } = o.filters;
  return {
    limit,
    ...(typeof kind === 'string' ? { kind } : {}),
    ...(tags?.length === 1 ? { tag: tags[0] } : {}),
    ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
  };
}
