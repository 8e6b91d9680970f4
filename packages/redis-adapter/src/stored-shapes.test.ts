import { ConversationMessageSchema, FindingSchema, isMemoryError, type Session } from '@agent-memory/core';
import { describe, expect, it } from 'vitest';
import { sessionFromHash } from './session-hash.js';
import { decodeStoredFast } from './stored-data.js';
import { isStoredFinding, isStoredMessage } from './stored-shapes.js';

// What reads vouch for without zod must be exactly what zod accepts and returns unchanged.

const message = { role: 'assistant', content: 'hi', ts: '2025-12-01T10:00:00.000Z' };
const messages: unknown[] = [
  message,
  { ...message, sessionId: 's', agentId: 'a', meta: { k: [1, { x: null }] } },
  { ...message, role: 'nobody' },
  { ...message, ts: '2025-12-01T10:00:00' },
  { ...message, content: null },
  { ...message, agentId: 'a b' },
  { ...message, meta: [] },
  { ...message, meta: { n: Number.POSITIVE_INFINITY } },
  { ...message, extra: 'stripped by zod' },
  { role: 'user', content: 'no ts' },
  [message],
  'plain text',
];

const finding = {
  id: 'f1',
  taskId: 't1',
  agentId: 'a1',
  subject: 'src/a.ts',
  verdict: 'bug',
  confidence: 0.5,
  summary: '',
  evidence: [],
  createdAt: '2025-12-01T10:00:00.000Z',
};
const findings: unknown[] = [
  finding,
  { ...finding, data: { k: 'v' } },
  { ...finding, summary: undefined },
  { ...finding, evidence: undefined },
  { ...finding, confidence: -0.1 },
  { ...finding, taskId: '' },
  { ...finding, createdAt: 'now' },
  { ...finding, evidence: ['x', 2] },
  { ...finding, data: 'd' },
  { ...finding, extra: 1 },
  { subject: 'no agent' },
];

function check(
  isValid: (v: unknown) => boolean,
  schema: typeof ConversationMessageSchema | typeof FindingSchema,
  cases: unknown[],
) {
  for (const value of cases) {
    const zod = schema.safeParse(value);
    if (isValid(value)) {
      expect(zod.success, JSON.stringify(value)).toBe(true);
      expect(zod.data).toStrictEqual(value);
    } else if (zod.success) {
      // zod repairs it (a default, a stripped key): the slow path hands back zod's version
      const raw = JSON.stringify(value);
      expect(decodeStoredFast(schema, isValid as never, raw, 'k', 'item')).toStrictEqual(zod.data);
    }
  }
}

describe('stored shapes vouch only for what zod returns unchanged', () => {
  it('messages', () => check(isStoredMessage, ConversationMessageSchema, messages));
  it('findings', () => check(isStoredFinding, FindingSchema, findings));

  it('sessions: the fast read and zod agree, and a bad hash is CORRUPT_DATA naming the key', () => {
    const hash = {
      user_id: 'u1',
      project: '/repo',
      started_at: '2025-12-01T10:00:00.000Z',
      context: '{"goal":"x","n":[1,2]}',
      branch: 'main',
    };
    const expected: Session = {
      id: 's1',
      userId: 'u1',
      project: '/repo',
      startedAt: '2025-12-01T10:00:00.000Z',
      context: { goal: 'x', n: [1, 2] },
      fields: { branch: 'main' },
    };
    expect(sessionFromHash('s1', hash, 'k')).toStrictEqual(expected);
    expect(sessionFromHash('s1', Object.entries(hash).flat(), 'k')).toStrictEqual(expected);
    const { project: _, context: __, ...bare } = hash;
    expect(sessionFromHash('s1', bare, 'k')).toStrictEqual({ ...expected, project: '', context: {} });
    const bad = [
      { ...hash, user_id: 'two words' },
      { ...hash, project: 'p'.repeat(1025) },
      { ...hash, context: '[1]' },
      { ...hash, context: '{"n":1e400}' },
      { ...hash, context: '{nope' },
      { ...hash, started_at: 'never' },
      { ...hash, ['f'.repeat(65)]: 'v' },
      { ...hash, '': 'v' },
      { ...hash, long: 'v'.repeat(4097) },
      { started_at: hash.started_at },
    ];
    for (const h of bad) {
      let error: unknown;
      try {
        sessionFromHash('s1', h, 'the-key');
      } catch (e) {
        error = e;
      }
      expect(isMemoryError(error, 'CORRUPT_DATA'), JSON.stringify(h)).toBe(true);
      expect((error as Error).message).toContain('the-key');
    }
  });
});
