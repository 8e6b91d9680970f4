import { MemoryError, type Pattern, PatternSchema, parseInput } from '@agent-memory/core';
import { z } from 'zod';
import type { SensitiveCategory } from './secret-rule.js';
import { type Finding, redactText } from './secret-scanner.js';

export interface SensitivePolicy {
  /** Credentials: replaced by `[REDACTED:<kind>]`, or the whole save refused. */
  secrets: 'redact' | 'refuse';
  /** Personal data (emails, phone and card numbers); `allow` keeps it. */
  pii: 'redact' | 'refuse' | 'allow';
}

/** One redaction as reported to callers: what kind, in which field, how often. Never the value. */
export interface Redaction {
  kind: string;
  category: SensitiveCategory;
  /** `title`, `summary`, `body`, `tags[2]`, `files[0]`, `links[1]` or `message`. */
  field: string;
  count: number;
}

const SensitivePolicySchema = z
  .object({ secrets: z.enum(['redact', 'refuse']), pii: z.enum(['redact', 'refuse', 'allow']) })
  .strict();

const TEXT_FIELDS = ['title', 'summary', 'body'] as const;
const LIST_FIELDS = ['tags', 'files', 'links'] as const;

/**
 * Applies the policy to every free-text field of a pattern before it is written anywhere.
 * `refuse` throws FORBIDDEN naming the kinds and fields found (never the values).
 */
export function redactPattern(
  pattern: Pattern,
  policy: SensitivePolicy,
): { pattern: Pattern; redactions: Redaction[] } {
  parseInput(SensitivePolicySchema, policy, 'sensitive data policy');
  const valid = parseInput(PatternSchema, pattern, 'pattern');
  const redactions: Redaction[] = [];
  const scan = (text: string, field: string) => applyPolicy(text, field, policy, redactions);
  const next: Pattern = { ...valid };
  for (const field of TEXT_FIELDS) next[field] = scan(valid[field], field);
  for (const field of LIST_FIELDS) next[field] = valid[field].map((item, i) => scan(item, `${field}[${i}]`));
  refuseIfAny(redactions, policy, valid.id);
  // A marker can be longer than what it replaced: re-check the schema's length limits.
  return { pattern: parseInput(PatternSchema, next, 'pattern after redaction'), redactions };
}

/** The same policy for free text that is not a pattern field (a commit message). */
export function redactFreeText(
  text: string,
  field: string,
  policy: SensitivePolicy,
): { text: string; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const out = applyPolicy(text, field, policy, redactions);
  refuseIfAny(redactions, policy);
  return { text: out, redactions };
}

function applyPolicy(text: string, field: string, policy: SensitivePolicy, into: Redaction[]): string {
  if (text === '') return text;
  const result = redactText(text, (finding) => actionFor(finding, policy) !== 'allow');
  for (const finding of result.findings) record(into, finding, field);
  return result.text;
}

function actionFor(finding: Finding, policy: SensitivePolicy): 'redact' | 'refuse' | 'allow' {
  return finding.category === 'secret' ? policy.secrets : policy.pii;
}

function record(into: Redaction[], finding: Finding, field: string): void {
  const existing = into.find((r) => r.kind === finding.kind && r.field === field);
  if (existing) existing.count++;
  else into.push({ kind: finding.kind, category: finding.category, field, count: 1 });
}

function refuseIfAny(redactions: Redaction[], policy: SensitivePolicy, patternId?: string): void {
  const refused = redactions.filter(
    (r) => (r.category === 'secret' ? policy.secrets : policy.pii) === 'refuse',
  );
  if (refused.length === 0) return;
  const kinds = [...new Set(refused.map((r) => r.kind))];
  const where = refused.map((r) => `${r.kind} in ${r.field}`).join(', ');
  throw new MemoryError('FORBIDDEN', `refusing to write sensitive data to git: ${where}`, {
    details: {
      kinds,
      findings: refused.map(({ kind, category, field, count }) => ({ kind, category, field, count })),
      ...(patternId ? { patternId } : {}),
    },
  });
}
