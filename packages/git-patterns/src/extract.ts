import {
  IdSchema,
  type PatternInput,
  PatternInputSchema,
  parseInput,
  TimestampSchema,
} from '@agent-memory/core';
import { z } from 'zod';
import { COMMIT_PREFIX } from './commit-message.js';
import type { GitRunner } from './git-runner.js';
import type { PatternIndex } from './pattern-index.js';
import type { PatternPaths } from './pattern-paths.js';
import { redactPattern } from './secrets/index.js';

export const ExtractOptionsSchema = z
  .object({
    /** Only commits at or after this time. */
    since: TimestampSchema.optional(),
    /** How many commits (newest first) to look through. */
    maxCommits: z.number().int().positive().max(100_000).default(1000),
    /** How many candidates to return at most. */
    limit: z.number().int().positive().max(10_000).default(100),
    /** Written as the candidates' `author`. */
    author: IdSchema.default('git-history'),
  })
  .strict();
export type ExtractOptions = z.input<typeof ExtractOptionsSchema>;

export type ExtractReason = 'conventional-fix' | 'fix-keyword' | 'issue-reference' | 'bug-keyword';

/** A proposed pattern, for a person or a validator agent to accept (by saving `input`) or drop. */
export interface ExtractCandidate {
  commit: string;
  date: string;
  reason: ExtractReason;
  input: PatternInput;
}

const FIELD = '\x1f';
const RECORD = '\x1e';
const CONVENTIONAL_FIX = /^fix(?:\((?<scope>[^)]{1,50})\))?!?:\s*/i;
const FIX_KEYWORD = /^(?:fix(?:e[sd])?|hotfix(?:e[sd])?|bugfix)\b[:\s-]*/i;
const ISSUE_REFERENCE = /\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?)\s+(?:[\w.-]+\/[\w.-]+)?#(?<issue>\d+)/i;
const BUG_KEYWORD = /\b(?:bugs?|bugfix|regression|crash(?:es|ed)?)\b/i;
const CONFIDENCE: Record<ExtractReason, number> = {
  'conventional-fix': 0.6,
  'fix-keyword': 0.5,
  'issue-reference': 0.5,
  'bug-keyword': 0.4,
};

/**
 * Reads the repository's own history for bug fixes (conventional `fix:` / `fix(scope):`
 * subjects, "Fix …", "fixes #123", the word "bug") and turns each into a candidate `bug-fix`
 * pattern: title from the subject, summary from the body, files it touched, a `commit:<sha>` link.
 * Skips merges, the store's own commits, commits that touched only pattern files, and commits an
 * existing pattern already links to. Candidate text goes through the secret and PII redaction.
 */
export async function extractBugFixes(
  git: GitRunner,
  paths: PatternPaths,
  index: PatternIndex,
  options: ExtractOptions = {},
): Promise<ExtractCandidate[]> {
  const parsed = parseInput(ExtractOptionsSchema, options, 'extract options');
  const head = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD'], { okExitCodes: [1, 128] });
  if (head.exitCode !== 0) return [];
  await index.refresh();
  const known = new Set<string>();
  for (const pattern of index.all())
    for (const link of pattern.links) if (link.startsWith('commit:')) known.add(link.slice(7));

  const args = ['log', '--no-merges', `--max-count=${parsed.maxCommits}`, '--name-only', '-z'];
  args.push(`--format=${RECORD}%H${FIELD}%aI${FIELD}%s${FIELD}%b${FIELD}`);
  if (parsed.since) args.push(`--since=${parsed.since}`);
  const out = await git.text(args);
  const candidates: ExtractCandidate[] = [];
  for (const record of out.split(RECORD)) {
    if (candidates.length >= parsed.limit) break;
    const [commit = '', date = '', subject = '', body = '', names = ''] = record.split(FIELD);
    if (!commit || known.has(commit) || subject.startsWith(COMMIT_PREFIX) || /^Agent-Id:/m.test(body))
      continue;
    const reason = classify(subject, body);
    if (!reason) continue;
    const files = names
      .split('\0')
      .map((name) => name.trim())
      .filter((name) => name !== '' && paths.parseRel(name) === null);
    if (files.length === 0) continue;
    const input = candidateInput({ commit, subject, body, files, reason, author: parsed.author });
    candidates.push({ commit, date, reason, input: redactCandidate(input) });
  }
  return candidates;
}

function classify(subject: string, body: string): ExtractReason | null {
  if (CONVENTIONAL_FIX.test(subject)) return 'conventional-fix';
  if (FIX_KEYWORD.test(subject)) return 'fix-keyword';
  if (ISSUE_REFERENCE.test(subject) || ISSUE_REFERENCE.test(body)) return 'issue-reference';
  if (BUG_KEYWORD.test(subject)) return 'bug-keyword';
  return null;
}

interface CandidateSource {
  commit: string;
  subject: string;
  body: string;
  files: string[];
  reason: ExtractReason;
  author: string;
}

function candidateInput(source: CandidateSource): PatternInput {
  const scope = CONVENTIONAL_FIX.exec(source.subject)?.groups?.scope;
  const issue = ISSUE_REFERENCE.exec(`${source.subject}\n${source.body}`)?.groups?.issue;
  const bare =
    source.subject.replace(CONVENTIONAL_FIX, '').replace(FIX_KEYWORD, '').trim() || source.subject.trim();
  const title = capitalize(bare).slice(0, 200);
  const paragraphs = source.body
    .replace(/^[A-Za-z-]+: .*$/gm, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const summary = (paragraphs[0] ?? source.subject.trim()).slice(0, 2000);
  const body = [
    `Extracted from commit ${source.commit.slice(0, 12)} (${source.reason}).`,
    '',
    source.subject.trim(),
    ...(paragraphs.length > 0 ? ['', paragraphs.join('\n\n')] : []),
  ].join('\n');
  const tags = ['extracted', ...(scope ? [scope.toLowerCase()] : []), ...(issue ? [`issue-${issue}`] : [])];
  return {
    kind: 'bug-fix',
    title,
    summary,
    body,
    tags: tags.filter((tag) => tag.length <= 64),
    files: source.files.slice(0, 200).filter((file) => file.length <= 1024),
    confidence: CONFIDENCE[source.reason],
    author: source.author,
    links: [`commit:${source.commit}`],
  };
}

/** Candidates may be shown to an LLM or saved as they are: apply the same redaction a save would. */
function redactCandidate(input: PatternInput): PatternInput {
  const parsed = parseInput(PatternInputSchema, input, 'extracted candidate');
  const now = new Date(0).toISOString();
  const { pattern } = redactPattern(
    { ...parsed, id: 'candidate', created: now, updated: now },
    { secrets: 'redact', pii: 'redact' },
  );
  const { id: _id, created: _created, updated: _updated, ...rest } = pattern;
  return rest;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
