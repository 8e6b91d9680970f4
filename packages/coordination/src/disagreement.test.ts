import type { Finding } from '@agent-memory/core';
import { describe, expect, it } from 'vitest';
import { findDisagreement, latestPositions } from './disagreement.js';

let seq = 0;
const finding = (agentId: string, subject: string, verdict: string, confidence: number): Finding => ({
  id: `f${++seq}`,
  taskId: 't',
  agentId,
  subject,
  verdict,
  confidence,
  summary: '',
  evidence: [],
  createdAt: '2025-12-01T12:00:00.000Z',
});

describe('disagreement', () => {
  it('finds different verdicts on one subject', () => {
    const fs = [
      finding('a', 's', 'bug', 0.9),
      finding('b', 's', 'ok', 0.9),
      finding('c', 'other', 'ok', 0.1),
    ];
    expect(findDisagreement(fs, 's', 0.5)?.map((p) => `${p.agentId}:${p.verdict}`)).toEqual([
      'a:bug',
      'b:ok',
    ]);
  });

  it('finds a confidence gap only past the threshold', () => {
    expect(
      findDisagreement([finding('a', 's', 'bug', 0.9), finding('b', 's', 'bug', 0.5)], 's', 0.4),
    ).toBeNull();
    expect(
      findDisagreement([finding('a', 's', 'bug', 0.9), finding('b', 's', 'bug', 0.4)], 's', 0.4),
    ).not.toBeNull();
  });

  it('ignores one agent disagreeing with itself: only its latest finding counts', () => {
    const fs = [finding('a', 's', 'bug', 0.9), finding('a', 's', 'ok', 0.9), finding('b', 's', 'ok', 0.8)];
    expect(findDisagreement(fs, 's', 0.5)).toBeNull();
    expect(latestPositions(fs, 's', new Set()).map((p) => p.findingId)).toEqual([fs[1]!.id, fs[2]!.id]);
  });

  it('leaves settled findings out', () => {
    const fs = [finding('a', 's', 'bug', 0.9), finding('b', 's', 'ok', 0.9)];
    expect(findDisagreement(fs, 's', 0.5, new Set([fs[0]!.id]))).toBeNull();
  });
});
