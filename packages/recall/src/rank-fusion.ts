/** The constant of reciprocal rank fusion (Cormack et al. 2009): dampens the lead of rank 1. */
export const RRF_K = 60;

export interface RankedList {
  /** What the list is ('text' or 'vector'): fused ranks are reported per kind. */
  kind: 'text' | 'vector';
  /** Keys, best first. */
  keys: readonly string[];
  /** How much the list counts (1 by default): weighted RRF. */
  weight?: number;
}

export interface FusedEntry {
  key: string;
  score: number;
  ranks: { text?: number; vector?: number };
}

/**
 * Reciprocal rank fusion: each list gives an item weight / (RRF_K + rank). Ranks, not scores, are
 * fused, so BM25 scores and cosine similarities never need to be made comparable. Ties go to the
 * item with the better best rank, then by key, so the order is deterministic.
 */
export function fuseRankings(lists: readonly RankedList[]): FusedEntry[] {
  const fused = new Map<string, FusedEntry & { best: number }>();
  for (const list of lists) {
    list.keys.forEach((key, index) => {
      const rank = index + 1;
      let entry = fused.get(key);
      if (!entry) {
        entry = { key, score: 0, ranks: {}, best: rank };
        fused.set(key, entry);
      }
      entry.score += (list.weight ?? 1) / (RRF_K + rank);
      entry.best = Math.min(entry.best, rank);
      if (entry.ranks[list.kind] === undefined) entry.ranks[list.kind] = rank;
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.best - b.best || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, score, ranks }) => ({ key, score, ranks }));
}
