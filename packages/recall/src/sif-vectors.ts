import type { WordVectors } from '@agent-memory/word-vectors';
import { contentWords } from './text-tokens.js';

/** SIF's smoothing constant `a` (Arora et al. 2017 use 1e-3 to 1e-4): lower weighs rare words more. */
export const DEFAULT_SIF_SMOOTHING = 1e-4;
// GloVe's 6B vocabulary has 400k words; a word's corpus probability is estimated from its
// frequency rank by Zipf's law, p(r) = 1 / (r × H), H ≈ ln(400 000) + γ.
const ZIPF_H = Math.log(400_000) + 0.5772;

/** The SIF weight of the word at frequency rank `rank` (0-based): a / (a + p(word)). */
export function sifWeight(rank: number, smoothing = DEFAULT_SIF_SMOOTHING): number {
  const p = 1 / ((rank + 1) * ZIPF_H);
  return smoothing / (smoothing + p);
}

/**
 * The smooth-inverse-frequency sentence vector of a text (Arora, Liang & Ma, ICLR 2017): the
 * average of its content words' vectors, each weighted a / (a + p(word)), so frequent words count
 * little and rare ones much. Unit length; all zero when the table knows none of the words. The
 * table's vectors already have the common directions removed (see @agent-memory/word-vectors), which
 * stands in for SIF's removal of the corpus's first principal component.
 */
export function sifVector(
  text: string,
  vectors: WordVectors,
  smoothing = DEFAULT_SIF_SMOOTHING,
): Float32Array {
  const out = new Float32Array(vectors.dimensions);
  for (const word of contentWords(text)) {
    const rank = vectors.rank(word);
    if (rank >= 0) vectors.addTo(rank, sifWeight(rank, smoothing), out);
  }
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < out.length; i++) out[i]! *= scale;
  }
  return out;
}
