import type { ConversationMessageInput, FindingInput, JsonObject } from '@agent-memory/core';

// Payloads sized like the design notes' examples, so every contender moves the same bytes.

export const SESSION_CONTEXT: JsonObject = {
  goal: 'fix the login bug',
  branch: 'fix/token-expiry',
  files: ['src/auth.ts', 'src/session.ts', 'test/auth.test.ts'],
  step: 3,
  notes: 'token expiry compared in seconds against milliseconds; check the refresh path too',
};

export function sampleMessage(n: number): ConversationMessageInput {
  return {
    role: n % 2 === 0 ? 'user' : 'assistant',
    content: `message ${n}: ${'the login check compares token expiry in seconds with Date.now() in ms. '.repeat(3)}`,
    agentId: 'agent-a',
  };
}

export const FINDING: FindingInput = {
  agentId: 'agent-a',
  subject: 'src/auth.ts',
  verdict: 'bug',
  confidence: 0.9,
  summary: 'token expiry compared in seconds against milliseconds',
  evidence: ['src/auth.ts:42'],
};

/** The finding as the raw contenders write it: what our adapter stores, minus the generated parts. */
export function rawFinding(taskId: string, n: number): string {
  return JSON.stringify({ ...FINDING, id: `f-${n}`, taskId, createdAt: new Date().toISOString() });
}

export function agentEvent(seq: number): JsonObject {
  return { event: 'analysis_complete', agent_id: 'agent-a', task_id: 'task-42', findings_count: 3, seq };
}
