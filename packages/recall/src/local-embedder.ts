import {
  type Embedder,
  EmbedOptionsSchema,
  EmbedTextsSchema,
  MemoryError,
  parseInput,
} from '@agent-memory/core';
import { loadWordVectors, shippedTableInfo, type WordVectors } from '@agent-memory/word-vectors';
import { hashFeatures } from './feature-hashing.js';
import { DEFAULT_SIF_SMOOTHING, sifVector } from './sif-vectors.js';
import { stem } from './stemmer.js';
import { buildSynonymTable, SYNONYM_GROUPS, type SynonymTable } from './synonyms.js';
import { isStopword, words } from './text-tokens.js';

export const DEFAULT_LOCAL_DIMENSIONS = 512;
/** The share of cosine similarity the word-vector part carries by default (chosen on the development set). */
export const DEFAULT_WORD_VECTOR_WEIGHT = 0.5;
/** Bump when features change: the id names the vector space, so old vectors are never mixed in. */
const VERSION = 'v1';
const WORD_VECTOR_VERSION = 'v2';

// How much each kind of feature weighs per occurrence (before 1 + ln(count) damping).
const WEIGHT = { word: 1, concept: 1, bigram: 0.5, trigram: 0.3 } as const;

export interface LocalEmbedderOptions {
  /** Vector length (512 by default); 64-4096. */
  dimensions?: number;
  /** Replaces the built-in synonym groups (each group: words for one concept, the first names it). */
  synonyms?: readonly (readonly string[])[];
  /**
   * Word vectors for the part of the vector that carries meaning: the table of
   * `@agent-memory/word-vectors` by default (read once per process); `null` for the lexical
   * features alone (the embedder of earlier versions, id `local-hash-v1:<dimensions>`).
   */
  wordVectors?: WordVectors | null;
  /** The share of cosine similarity that comes from the word vectors, 0-1 (1: word vectors alone). */
  wordVectorWeight?: number;
  /** SIF's `a`: how much more rare words weigh than frequent ones in the sentence vector. */
  sifSmoothing?: number;
}

/**
 * The built-in embedder: no network, no model download at run time. Each vector has two parts,
 * each unit length and weighted so that cosine similarity is their weighted sum:
 * - lexical: feature hashing of word stems, adjacent word pairs, character trigrams (so "cache"
 *   meets "caching" and typos still overlap) and concepts from a small synonym table;
 * - meaning: the SIF-weighted average of the words' GloVe vectors (`@agent-memory/word-vectors`),
 *   so "the pool ran dry" comes near "connections exhausted" although no word is shared.
 * Word vectors know single words of general English (news and encyclopedia text), not sentences
 * or product names; point recall at a real embedding model (createOpenAIEmbedder) for more.
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? DEFAULT_LOCAL_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 64 || dimensions > 4096) {
    throw new MemoryError('INVALID_INPUT', 'invalid dimensions: must be a whole number from 64 to 4096');
  }
  const weight = options.wordVectorWeight ?? DEFAULT_WORD_VECTOR_WEIGHT;
  if (!(weight >= 0 && weight <= 1)) {
    throw new MemoryError('INVALID_INPUT', 'invalid wordVectorWeight: must be a number from 0 to 1');
  }
  const smoothing = options.sifSmoothing ?? DEFAULT_SIF_SMOOTHING;
  if (!(smoothing > 0 && smoothing <= 1)) {
    throw new MemoryError('INVALID_INPUT', 'invalid sifSmoothing: must be a number above 0, at most 1');
  }
  const table = buildSynonymTable(options.synonyms ?? SYNONYM_GROUPS);
  const custom = options.synonyms ? `-s${options.synonyms.length}` : '';
  const given = options.wordVectors;
  // The shipped table is read on the first embed, not here: creating an embedder stays instant
  // for processes that never recall (a CLI command that only appends, say).
  const words =
    given === null
      ? null
      : given
        ? { id: given.id, dimensions: given.dimensions, table: () => given }
        : { ...shippedTableInfo(), table: () => loadWordVectors() };
  const lexical = (text: string) => hashFeatures(textFeatures(text, table), dimensions);
  if (!words) {
    return {
      id: `local-hash-${VERSION}${custom}:${dimensions}`,
      dimensions,
      semantic: false,
      async embed(texts, embedOptions) {
        const parsed = parseInput(EmbedTextsSchema, texts, 'texts');
        parseInput(EmbedOptionsSchema, embedOptions ?? {}, 'embed options');
        return parsed.map(lexical);
      },
    };
  }
  const total = dimensions + words.dimensions;
  const [lexicalScale, meaningScale] = [Math.sqrt(1 - weight), Math.sqrt(weight)];
  const smoothingId = smoothing === DEFAULT_SIF_SMOOTHING ? '' : `-a${smoothing}`;
  return {
    id: `local-${WORD_VECTOR_VERSION}${custom}+${words.id}${smoothingId}@${weight}:${total}`,
    dimensions: total,
    semantic: true,
    async embed(texts, embedOptions) {
      const parsed = parseInput(EmbedTextsSchema, texts, 'texts');
      parseInput(EmbedOptionsSchema, embedOptions ?? {}, 'embed options');
      const vectors = words.table();
      return parsed.map((text) => {
        const out = new Float32Array(total);
        if (lexicalScale > 0) {
          const lex = lexical(text);
          for (let i = 0; i < dimensions; i++) out[i] = lex[i]! * lexicalScale;
        }
        const meaning = sifVector(text, vectors, smoothing);
        for (let i = 0; i < words.dimensions; i++) out[dimensions + i] = meaning[i]! * meaningScale;
        return normalise(out);
      });
    },
  };
}

// One part may be empty (no known word, or no feature): the other then carries the whole vector.
function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  if (norm > 0 && Math.abs(norm - 1) > 1e-6) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  }
  return vector;
}

/** Weighted features of a text: what the local embedder hashes. */
export function textFeatures(text: string, table: SynonymTable): Map<string, number> {
  const occurrences = new Map<string, number>();
  const add = (feature: string) => occurrences.set(feature, (occurrences.get(feature) ?? 0) + 1);
  const all = words(text);
  const stems = all.map((w) => stem(w));
  for (let i = 0; i + 1 < all.length; i++) {
    const concept = table.pairs.get(`${stems[i]} ${stems[i + 1]}`);
    if (concept) add(`c:${concept}`);
  }
  let previous: string | undefined;
  all.forEach((word, i) => {
    if (isStopword(word) || (word.length < 2 && !/\d/.test(word))) return;
    const s = stems[i]!;
    add(`w:${s}`);
    const concept = table.words.get(s) ?? table.words.get(word);
    if (concept) add(`c:${concept}`);
    if (previous) add(`b:${previous}_${s}`);
    previous = s;
    const padded = `<${word}>`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`g:${padded.slice(j, j + 3)}`);
  });
  const weighted = new Map<string, number>();
  for (const [feature, count] of occurrences) {
    weighted.set(feature, weightOf(feature) * (1 + Math.log(count)));
  }
  return weighted;
}

function weightOf(feature: string): number {
  switch (feature[0]) {
    case 'w':
      return WEIGHT.word;
    case 'c':
      return WEIGHT.concept;
    case 'b':
      return WEIGHT.bigram;
    default:
      return WEIGHT.trigram;
  }
}
