import { createHash } from 'node:crypto';
import { MAX_ID_LENGTH } from '@agent-memory/core';

const short = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

// Collections are named after the embedder's vector space, so switching models (or dimensions)
// starts new collections instead of mixing vectors that mean different things.

export function patternCollection(embedderId: string): string {
  return `pat:${short(embedderId, 8)}`;
}

export function conversationCollection(embedderId: string, userId: string): string {
  const name = `msg:${short(embedderId, 8)}:${userId}`;
  // A user id near the id length limit would overflow it; such users get a digest instead.
  return name.length <= MAX_ID_LENGTH ? name : `msg:${short(embedderId, 8)}:~${short(userId, 40)}`;
}

/** A message has no id of its own: this one is a digest of everything stored about it. */
export function messageId(message: {
  ts: string;
  role: string;
  content: string;
  sessionId?: string | undefined;
  agentId?: string | undefined;
}): string {
  return short(
    JSON.stringify([
      message.ts,
      message.role,
      message.sessionId ?? '',
      message.agentId ?? '',
      message.content,
    ]),
    20,
  );
}

export function textFingerprint(text: string): string {
  return short(text, 16);
}
