import { parseInput } from '@agent-memory/core';
import { z } from 'zod';
import { SENSITIVE_RULES } from './rules/index.js';
import type { SecretRule, SensitiveCategory } from './secret-rule.js';

/** Where sensitive text was found. Carries positions and the kind, never the text itself. */
export interface Finding {
  kind: string;
  category: SensitiveCategory;
  start: number;
  end: number;
}

const TextSchema = z.string();

/** Non-overlapping findings in text order; on overlap the rule listed first wins. */
export function findSensitive(text: string, rules: readonly SecretRule[] = SENSITIVE_RULES): Finding[] {
  parseInput(TextSchema, text, 'text to scan');
  const taken: Finding[] = [];
  for (const rule of rules) {
    for (const span of rule.find(text)) {
      if (taken.some((other) => span.start < other.end && other.start < span.end)) continue;
      taken.push({ kind: rule.kind, category: rule.category, start: span.start, end: span.end });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

export function redactionMarker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/** Replaces each finding with `[REDACTED:<kind>]`; scanning the result again finds nothing. */
export function redactText(
  text: string,
  shouldRedact: (finding: Finding) => boolean = () => true,
  rules: readonly SecretRule[] = SENSITIVE_RULES,
): { text: string; findings: Finding[] } {
  const findings = findSensitive(text, rules).filter(shouldRedact);
  let out = '';
  let cursor = 0;
  for (const finding of findings) {
    out += text.slice(cursor, finding.start) + redactionMarker(finding.kind);
    cursor = finding.end;
  }
  return { text: out + text.slice(cursor), findings };
}
