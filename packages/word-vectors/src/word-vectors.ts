import type { WordTable } from './table-format.js';

/** One of a word's nearest words. */
export interface WordNeighbour {
  word: string;
  /** Cosine similarity of the two words' vectors, 0-1 (in 1/255 steps). */
  similarity: number;
}

/**
 * A table of word vectors, most frequent word first. A word's index is its frequency rank
 * (0 = the most frequent), which is what SIF weighting needs; vectors are unit length.
 */
export class WordVectors {
  readonly size: number;
  readonly dimensions: number;
  private readonly index: Map<string, number>;

  /** `id` names the table (it goes into embedder ids, so vectors of two tables never mix). */
  constructor(
    readonly id: string,
    private readonly table: WordTable,
  ) {
    this.size = table.words.length;
    this.dimensions = table.dimensions;
    this.index = new Map();
    table.words.forEach((word, i) => {
      this.index.set(word, i);
    });
  }

  /** The word's frequency rank, or -1 when the table does not know it (words are lower case). */
  rank(word: string): number {
    return this.index.get(word) ?? -1;
  }

  word(rank: number): string {
    return this.table.words[rank]!;
  }

  /** Adds `weight` × the unit vector of the word at `rank` into `out` (length `dimensions`). */
  addTo(rank: number, weight: number, out: Float32Array): void {
    const { codes, scales } = this.table;
    const d = this.dimensions;
    const w = weight * scales[rank]!;
    const base = rank * d;
    for (let i = 0; i < d; i++) out[i]! += w * codes[base + i]!;
  }

  /** The word's unit vector (a copy). */
  vector(rank: number): Float32Array {
    const out = new Float32Array(this.dimensions);
    this.addTo(rank, 1, out);
    return out;
  }

  /** Cosine similarity of two words, -1 to 1. */
  similarity(a: number, b: number): number {
    const { codes, scales } = this.table;
    const d = this.dimensions;
    let dot = 0;
    for (let i = 0; i < d; i++) dot += codes[a * d + i]! * codes[b * d + i]!;
    return dot * scales[a]! * scales[b]!;
  }

  /**
   * The word's nearest words among the most frequent ones, nearest first, as the derivation
   * computed them (no search at run time), down to `minSimilarity`.
   */
  neighbours(rank: number, minSimilarity = 0): WordNeighbour[] {
    const k = this.table.neighboursPerWord;
    const out: WordNeighbour[] = [];
    for (let j = 0; j < k; j++) {
      const similarity = this.table.neighbourSimilarities[rank * k + j]! / 255;
      if (similarity < minSimilarity) break;
      out.push({ word: this.word(this.table.neighbourIds[rank * k + j]!), similarity });
    }
    return out;
  }
}
