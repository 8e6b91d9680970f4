import type { Pattern } from '@agent-memory/core';

const DAY_MS = 24 * 3600_000;
const RECENCY_HALF_LIFE_DAYS = 90;

/** Field weights: a word in the title says more about a pattern than the same word in its body. */
export const FIELD_BOOST = { title: 3, tags: 2.5, summary: 2, files: 1.5, body: 1 } as const;

/**
 * Multiplies text relevance by confidence (0.75× at 0, 1.25× at 1) and recency (up to 1.25× for
 * a pattern updated today, fading with a 90-day half-life): enough to order near-equal matches,
 * never enough to lift a poor match over a good one.
 */
export function documentBoost(pattern: Pattern, nowMs: number): number {
  const confidence = 0.75 + 0.5 * pattern.confidence;
  const ageDays = Math.max(0, (nowMs - updatedMs(pattern)) / DAY_MS);
  const recency = 1 + 0.25 * 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
  return confidence * recency;
}

/** The most documentBoost can give (confidence 1, updated now): bounds how far a result can climb. */
export const MAX_DOCUMENT_BOOST = 1.25 * 1.25;

export interface TextMatch {
  id: string;
  score: number;
}

/**
 * The `limit` best matches once each pattern's documentBoost is applied, best first. `matches` must
 * be ordered by text score, best first (as MiniSearch returns them). The boost is one factor per
 * document, so applying it here ranks exactly as boosting inside MiniSearch did, where it was
 * computed once per document per matched term and field; and since it is at most
 * MAX_DOCUMENT_BOOST, the walk stops at the first match that could not reach the current top
 * `limit` even fully boosted, instead of visiting every match of a common word.
 */
export function topBoosted<T>(
  matches: readonly TextMatch[],
  limit: number,
  accept: (id: string) => T | undefined,
  boost: (item: T) => number,
): { item: T; score: number }[] {
  const top: { item: T; score: number }[] = [];
  if (limit < 1) return top;
  for (const match of matches) {
    const full = top.length === limit;
    const floor = full ? top[limit - 1]!.score : 0;
    if (full && match.score * MAX_DOCUMENT_BOOST < floor) break;
    const item = accept(match.id);
    if (item === undefined) continue;
    const score = match.score * boost(item);
    if (full && score <= floor) continue;
    // Insertion into a list of at most `limit`: after equal scores, so earlier matches win ties.
    let at = top.length;
    while (at > 0 && top[at - 1]!.score < score) at--;
    top.splice(at, 0, { item, score });
    if (top.length > limit) top.pop();
  }
  return top;
}

// Indexed patterns are replaced, never mutated, so their parsed timestamp can be kept beside them:
// Date.parse per candidate was a seventh of a search over 10,000 patterns.
const parsedUpdated = new WeakMap<Pattern, number>();

function updatedMs(pattern: Pattern): number {
  let ms = parsedUpdated.get(pattern);
  if (ms === undefined) {
    ms = Date.parse(pattern.updated);
    parsedUpdated.set(pattern, ms);
  }
  return ms;
}
