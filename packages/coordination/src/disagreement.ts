import type { Finding } from '@agent-memory/core';

/** Where one agent stands on a subject: its latest finding there. */
export interface Position {
  agentId: string;
  findingId: string;
  verdict: string;
  confidence: number;
}

/** Two findings disagree when their verdicts differ, or their confidences differ by more than `threshold`. */
export function disagree(a: Position, b: Position, threshold: number): boolean {
  return a.verdict !== b.verdict || Math.abs(a.confidence - b.confidence) > threshold;
}

/**
 * Each agent's latest position on `subject` (findings come oldest first, so a later finding replaces
 * an agent's earlier one), ignoring findings a past resolution settled; sorted by agent id.
 */
export function latestPositions(
  findings: readonly Finding[],
  subject: string,
  settled: ReadonlySet<string>,
): Position[] {
  const byAgent = new Map<string, Position>();
  for (const f of findings) {
    if (f.subject !== subject || settled.has(f.id)) continue;
    byAgent.set(f.agentId, {
      agentId: f.agentId,
      findingId: f.id,
      verdict: f.verdict,
      confidence: f.confidence,
    });
  }
  return [...byAgent.values()].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
}

/** Every agent's position when at least two of them disagree, else null. */
export function findDisagreement(
  findings: readonly Finding[],
  subject: string,
  threshold: number,
  settled: ReadonlySet<string> = new Set(),
): Position[] | null {
  const positions = latestPositions(findings, subject, settled);
  for (let i = 0; i < positions.length; i++) {
    for (let j = i + 1; j < positions.length; j++) {
      if (disagree(positions[i]!, positions[j]!, threshold)) return positions;
    }
  }
  return null;
}
