import type { Pattern } from '@agent-memory/core';
import type { KnownIssue } from './analyzer.js';

// How a confirmed finding is written to long-term memory, and read back as a known issue. The tags
// carry what recall needs: the rule, the verdict, and the fingerprint of the content it was learned from.

export const REVIEW_TAG = 'code-review';
export const RESOLVED_TAG = 'conflict-resolved';
const FINGERPRINT_PREFIX = 'fp-';
const VERDICT_PREFIX = 'verdict-';
const RULE_PREFIX = 'rule-';

/** Stable per (rule, file): a later run updates the same pattern instead of adding a duplicate. */
export function learnedPatternId(rule: string, path: string): string {
  return `${rule}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function learnedTags(input: {
  rule: string;
  verdict: string;
  fingerprint: string;
  resolvedConflict: boolean;
}): string[] {
  return [
    REVIEW_TAG,
    `${RULE_PREFIX}${input.rule}`,
    `${VERDICT_PREFIX}${input.verdict}`,
    `${FINGERPRINT_PREFIX}${input.fingerprint}`,
    ...(input.resolvedConflict ? [RESOLVED_TAG] : []),
  ];
}

/** The known issue a pattern describes; null for patterns the demo did not write. */
export function knownIssueOf(pattern: Pattern): KnownIssue | null {
  const tag = (prefix: string) => pattern.tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
  const rule = tag(RULE_PREFIX);
  if (!pattern.tags.includes(REVIEW_TAG) || rule === undefined) return null;
  return {
    patternId: pattern.id,
    rule,
    verdict: tag(VERDICT_PREFIX) ?? 'known-issue',
    title: pattern.title,
    summary: pattern.summary,
    confidence: pattern.confidence,
    fingerprint: tag(FINGERPRINT_PREFIX) ?? null,
  };
}
