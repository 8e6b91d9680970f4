import type { PatternKind } from '@agent-memory/core';
import type { Issue, ReviewProfile } from './analyzer.js';
import type { SourceFile } from './sample-codebase.js';

/** One deterministic check of the rule-based analyzer, and what a finding of it becomes long-term. */
export interface ReviewRule {
  id: string;
  /** What the prompt asks a reviewer to look for. */
  instruction: string;
  /** The kind of pattern a confirmed finding is promoted to. */
  kind: PatternKind;
  /** Pattern title for a finding of this rule in `path`. */
  title(path: string): string;
  check(file: SourceFile, profile: ReviewProfile): Omit<Issue, 'rule'> | null;
}

interface Line {
  number: number;
  text: string;
}

const lines = (file: SourceFile): Line[] =>
  file.content.split('\n').map((text, i) => ({ number: i + 1, text }));

const evidence = (line: Line, text = line.text.trim()) => `L${line.number}: ${text}`;

const SQL_STRING = /["'`]\s*(SELECT|INSERT|UPDATE|DELETE)\b/i;
const CONCATENATED = /["']\s*\+\s*[A-Za-z_$]|\$\{/;

const sqlInjection: ReviewRule = {
  id: 'sql-injection',
  instruction: 'SQL built from input by string concatenation or interpolation (injection)',
  kind: 'security-decision',
  title: (path) => `SQL injection: query built from input in ${path}`,
  check(file) {
    const hits = lines(file).filter((l) => SQL_STRING.test(l.text) && CONCATENATED.test(l.text));
    if (hits.length === 0) return null;
    return {
      verdict: 'vulnerable',
      confidence: 0.9,
      summary: 'Query text is concatenated with caller input; use parameterised queries ($1 placeholders).',
      evidence: hits.map((l) => evidence(l)),
    };
  },
};

const SECRET_ASSIGNMENT = /\b(api[_-]?key|secret|password|token)\w*\s*[:=]\s*(['"])([^'"]{12,})\2/i;

const hardCodedSecret: ReviewRule = {
  id: 'hard-coded-secret',
  instruction: 'credentials or API keys written into the source',
  kind: 'security-decision',
  title: (path) => `Hard-coded credential in ${path}`,
  check(file) {
    const hits = lines(file).filter((l) => SECRET_ASSIGNMENT.test(l.text));
    if (hits.length === 0) return null;
    return {
      verdict: 'leaked-secret',
      confidence: 0.85,
      summary: 'A credential is committed in the source; load it from the environment or a secret store.',
      // The value itself never leaves the file: findings and patterns get a masked copy.
      evidence: hits.map((l) => evidence(l, l.text.trim().replace(SECRET_ASSIGNMENT, '$1: <redacted>'))),
    };
  },
};

const ASYNC_DECLARATION = /async\s+(?:function\s+)?([A-Za-z_$][\w$]*)\s*\(/g;

const missingAwait: ReviewRule = {
  id: 'missing-await',
  instruction: 'async calls whose promise is dropped (missing await)',
  kind: 'bug-fix',
  title: (path) => `Missing await on an async call in ${path}`,
  check(file) {
    const asyncNames = [...file.content.matchAll(ASYNC_DECLARATION)].map((m) => m[1]!);
    if (asyncNames.length === 0) return null;
    const bareCall = new RegExp(`^\\s*(?:this\\.)?(${asyncNames.join('|')})\\(.*\\);\\s*$`);
    const hits = lines(file).filter((l) => bareCall.test(l.text));
    if (hits.length === 0) return null;
    return {
      verdict: 'bug',
      confidence: 0.8,
      summary:
        'An async function is called without await: errors are lost and the caller continues too early.',
      evidence: hits.map((l) => evidence(l)),
    };
  },
};

const LOOSE_EQUALITY = /(?<![=!<>])(==|!=)(?!=)/;
const SECURITY_CONTEXT = /token|password|secret|session|role|auth/i;

const looseEquality: ReviewRule = {
  id: 'loose-equality',
  instruction: '== / != where === / !== is meant (type coercion)',
  kind: 'bug-fix',
  title: (path) => `Loose equality (==) in ${path}`,
  check(file, profile) {
    const hits = lines(file).filter((l) => LOOSE_EQUALITY.test(l.text));
    if (hits.length === 0) return null;
    const proof = hits.map((l) => evidence(l));
    if (profile === 'quick') {
      return {
        verdict: 'style',
        confidence: 0.55,
        summary: 'Prefer === and !== for consistency.',
        evidence: proof,
      };
    }
    const sensitive = hits.some((l) => SECURITY_CONTEXT.test(l.text));
    return sensitive
      ? {
          verdict: 'auth-bypass-risk',
          confidence: 0.9,
          summary: 'A credential is compared with ==: coercion lets a crafted value match; compare with ===.',
          evidence: proof,
        }
      : {
          verdict: 'bug-risk',
          confidence: 0.7,
          summary: '== coerces types (a string month never equals a number the way it should); use ===.',
          evidence: proof,
        };
  },
};

const DEBT_MARKER = /\b(TODO|FIXME|HACK)\b/;

const todoDebt: ReviewRule = {
  id: 'todo-debt',
  instruction: 'TODO / FIXME / HACK notes: debt someone meant to come back to',
  kind: 'tech-debt',
  title: (path) => `Open TODO debt in ${path}`,
  check(file) {
    const hits = lines(file).filter((l) => DEBT_MARKER.test(l.text));
    if (hits.length === 0) return null;
    return {
      verdict: 'tech-debt',
      confidence: 0.6,
      summary: `${hits.length} open note(s) left in the code.`,
      evidence: hits.map((l) => evidence(l)),
    };
  },
};

/** Every rule the demo's reviewers apply, in the order findings are shared. */
export const REVIEW_RULES: readonly ReviewRule[] = [
  sqlInjection,
  hardCodedSecret,
  missingAwait,
  looseEquality,
  todoDebt,
];

export function ruleById(id: string): ReviewRule | undefined {
  return REVIEW_RULES.find((r) => r.id === id);
}
