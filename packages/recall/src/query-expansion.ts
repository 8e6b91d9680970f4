import type { WordVectors } from '@agent-memory/word-vectors';
import { contentWords } from './text-tokens.js';

export interface QueryExpansionOptions {
  /** Neighbours taken per query word (at most the table's 8). */
  perWord: number;
  /** Neighbours less similar than this are left out (cosine, 0-1). */
  minSimilarity: number;
  /**
   * Neighbours per query word given to a pattern store's own search (0: none). It weighs every
   * query word alike and expands each with prefixes and typos: each added word costs time there.
   */
  patternsPerWord: number;
}

export const DEFAULT_QUERY_EXPANSION: QueryExpansionOptions = {
  perWord: 3,
  minSimilarity: 0.6,
  patternsPerWord: 3,
};

/** A word added to a query, weighted by its similarity to the query word it came from. */
export interface ExpansionTerm {
  word: string;
  weight: number;
}

/**
 * Nearest-neighbour query expansion for the full-text side: each content word of the query brings
 * its nearest words in the table ("sluggish" → "slowing", "slowdown"), looked up, not searched (the
 * table ships them). Words already in the query are not added again; a word reached from two query
 * words keeps its best similarity.
 */
export function expandQuery(
  query: string,
  vectors: WordVectors,
  options: Pick<QueryExpansionOptions, 'perWord' | 'minSimilarity'> = DEFAULT_QUERY_EXPANSION,
): ExpansionTerm[] {
  const own = new Set(contentWords(query));
  const added = new Map<string, number>();
  for (const word of own) {
    const rank = vectors.rank(word);
    if (rank < 0) continue;
    for (const n of vectors.neighbours(rank, options.minSimilarity).slice(0, options.perWord)) {
      if (own.has(n.word)) continue;
      added.set(n.word, Math.max(added.get(n.word) ?? 0, n.similarity));
    }
  }
  return [...added].map(([word, weight]) => ({ word, weight }));
}
