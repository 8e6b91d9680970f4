import {
  type Finding,
  MemoryError,
  type PatternInput,
  PatternInputSchema,
  parseInput,
} from '@agent-memory/core';
import { type Candidate, patternIdFor, type StageInput } from './candidate.js';
import { disagree, type Position } from './disagreement.js';

type StageFields = Omit<StageInput, 'taskId' | 'findingIds' | 'ttlMs'>;

/** Only findings on one subject that do not disagree may back one candidate. */
export function assertAgreement(findings: readonly Finding[], threshold: number): void {
  const first = findings[0]!;
  for (const f of findings) {
    if (f.subject !== first.subject || disagree(toPosition(first), toPosition(f), threshold)) {
      throw new MemoryError(
        'CONFLICT',
        'only agreeing findings (same subject and verdict) can be staged together',
        {
          details: { findingIds: [first.id, f.id] },
        },
      );
    }
  }
}

/**
 * The pattern a candidate will become: what the stager gave, the rest drawn from the findings
 * (title "<verdict>: <subject>", mean confidence, evidence in the body). The id is fixed here so a
 * retried promotion updates the same pattern.
 */
export function draftPattern(
  findings: readonly Finding[],
  fields: StageFields,
  author: string,
  idSuffix: string,
): Candidate['pattern'] {
  const first = findings[0]!;
  const agents = [...new Set(findings.map((f) => f.agentId))].sort();
  const title = fields.title ?? truncate(`${first.verdict}: ${first.subject}`, 200);
  return parseInput(
    PatternInputSchema,
    {
      id: fields.patternId ?? patternIdFor(title, idSuffix),
      kind: fields.kind,
      title,
      summary:
        fields.summary ?? truncate(first.summary || `${agents.join(', ')} found "${first.verdict}"`, 2000),
      body: fields.body ?? describeFindings(findings),
      tags: fields.tags ?? [],
      files: fields.files ?? [],
      links: fields.links ?? [],
      confidence: round(findings.reduce((sum, f) => sum + f.confidence, 0) / findings.length),
      author,
    } satisfies PatternInput,
    'pattern draft',
  );
}

function toPosition(f: Finding): Position {
  return { agentId: f.agentId, findingId: f.id, verdict: f.verdict, confidence: f.confidence };
}

function describeFindings(findings: readonly Finding[]): string {
  const first = findings[0]!;
  const lines = [`**Subject:** ${first.subject}`, `**Verdict:** ${first.verdict}`, ''];
  for (const f of findings) {
    lines.push(`- ${f.agentId} (confidence ${f.confidence})${f.summary ? `: ${f.summary}` : ''}`);
    for (const e of f.evidence) lines.push(`  - ${e}`);
  }
  return lines.join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
