import {
  type Embedder,
  EmbedOptionsSchema,
  EmbedTextsSchema,
  MemoryError,
  parseInput,
} from '@agent-memory/core';
import { hashFeatures } from './feature-hashing.js';
import { stem } from './stemmer.js';
import { buildSynonymTable, SYNONYM_GROUPS, type SynonymTable } from './synonyms.js';
import { isStopword, words } from './text-tokens.js';

export const DEFAULT_LOCAL_DIMENSIONS = 512;
/** Bump when features change: the id names the vector space, so old vectors are never mixed in. */
const VERSION = 'v1';

// How much each kind of feature weighs per occurrence (before 1 + ln(count) damping).
const WEIGHT = { word: 1, concept: 1, bigram: 0.5, trigram: 0.3 } as const;

export interface LocalEmbedderOptions {
  /** Vector length (512 by default); 64-4096. */
  dimensions?: number;
  /** Replaces the built-in synonym groups (each group: words for one concept, the first names it). */
  synonyms?: readonly (readonly string[])[];
}

/**
 * The built-in embedder: deterministic feature hashing of word stems, adjacent word pairs,
 * character trigrams (so "cache" meets "caching" and typos still overlap) and concepts from a
 * small synonym table (so "sign-in is sluggish" meets "login latency"). No network, no model.
 * It is LEXICAL, not semantic: texts are close when they share words, word pieces or listed
 * synonyms, never because a model understood them. Point recall at a real embedding model
 * (createOpenAIEmbedder) for meaning beyond that.
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? DEFAULT_LOCAL_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 64 || dimensions > 4096) {
    throw new MemoryError('INVALID_INPUT', 'invalid dimensions: must be a whole number from 64 to 4096');
  }
  const table = buildSynonymTable(options.synonyms ?? SYNONYM_GROUPS);
  const custom = options.synonyms ? `-s${options.synonyms.length}` : '';
  return {
    id: `local-hash-${VERSION}${custom}:${dimensions}`,
    dimensions,
    semantic: false,
    async embed(texts, embedOptions) {
      const parsed = parseInput(EmbedTextsSchema, texts, 'texts');
      parseInput(EmbedOptionsSchema, embedOptions ?? {}, 'embed options');
      return parsed.map((text) => hashFeatures(textFeatures(text, table), dimensions));
    },
  };
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
