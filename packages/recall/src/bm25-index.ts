import type { ExpansionTerm } from './query-expansion.js';
import { stem } from './stemmer.js';
import { contentWords } from './text-tokens.js';

// Okapi BM25 parameters (the usual ones: term-frequency saturation and length normalisation).
const K1 = 1.2;
const B = 0.75;

export interface TextMatch {
  id: string;
  score: number;
}

/** The terms BM25 indexes and queries: content words, stemmed like the local embedder's. */
export function textTerms(text: string): string[] {
  return contentWords(text).map(stem);
}

/**
 * A small in-memory BM25 index for one conversation window. Postings are kept per term, so a
 * query touches only the documents that share a term with it, and scores accumulate in a typed
 * array: at 10 000 messages a query costs tens of microseconds, where a general-purpose engine that
 * also does prefix and fuzzy expansion costs milliseconds. Typos and word forms are the vector
 * side's job (character trigrams); stemming covers the common inflections here.
 */
export class Bm25Index {
  private readonly slotOf = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private lengths: number[] = [];
  private readonly termsOf = new Map<number, Map<string, number>>();
  private readonly postings = new Map<string, Map<number, number>>();
  private freeSlots: number[] = [];
  private totalLength = 0;
  private scores = new Float64Array(0);

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  add(id: string, text: string): void {
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.freeSlots.pop() ?? this.ids.length;
    const counts = new Map<string, number>();
    const terms = textTerms(text);
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    this.ids[slot] = id;
    this.lengths[slot] = terms.length;
    this.totalLength += terms.length;
    this.slotOf.set(id, slot);
    this.termsOf.set(slot, counts);
    for (const [term, tf] of counts) {
      let list = this.postings.get(term);
      if (!list) {
        list = new Map();
        this.postings.set(term, list);
      }
      list.set(slot, tf);
    }
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    for (const term of this.termsOf.get(slot)!.keys()) {
      const list = this.postings.get(term)!;
      list.delete(slot);
      if (list.size === 0) this.postings.delete(term);
    }
    this.totalLength -= this.lengths[slot]!;
    this.termsOf.delete(slot);
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.freeSlots.push(slot);
    return true;
  }

  /**
   * The best `limit` documents for `query` (any of its terms), best first, ties by id. Expansion
   * terms count like query terms times their weight (a word related to the query, not the query).
   */
  search(
    query: string,
    limit: number,
    accept?: (id: string) => boolean,
    expansion: readonly ExpansionTerm[] = [],
  ): TextMatch[] {
    const n = this.slotOf.size;
    if (n === 0) return [];
    if (this.scores.length < this.ids.length) this.scores = new Float64Array(this.ids.length * 2);
    const scores = this.scores;
    const touched: number[] = [];
    const averageLength = this.totalLength / n || 1;
    const weights = new Map<string, number>();
    for (const { word, weight } of expansion) {
      for (const term of textTerms(word)) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    }
    for (const term of textTerms(query)) weights.set(term, 1);
    for (const [term, weight] of weights) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = weight * Math.log(1 + (n - list.size + 0.5) / (list.size + 0.5));
      for (const [slot, tf] of list) {
        if (scores[slot] === 0) touched.push(slot);
        const norm = K1 * (1 - B + (B * this.lengths[slot]!) / averageLength);
        scores[slot]! += (idf * tf * (K1 + 1)) / (tf + norm);
      }
    }
    let kept = touched;
    if (accept) kept = touched.filter((slot) => accept(this.ids[slot]!));
    // Only scores at or above the limit-th best are worth sorting with their ids.
    let threshold = Number.NEGATIVE_INFINITY;
    if (kept.length > limit) {
      const values = Float64Array.from(kept, (slot) => scores[slot]!).sort();
      threshold = values[values.length - limit]!;
    }
    const ranked: TextMatch[] = [];
    for (const slot of kept) {
      if (scores[slot]! >= threshold) ranked.push({ id: this.ids[slot]!, score: scores[slot]! });
    }
    for (const slot of touched) scores[slot] = 0;
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ranked.slice(0, limit);
  }
}
