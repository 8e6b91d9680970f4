import {
  type ConversationMessage,
  ConversationMessageInputSchema,
  type ConversationWindow,
  type ParsedMessageInput,
  parseCount,
  parseInput,
  vouchMessageInput,
} from '@agent-memory/core';
import type { ListEntry } from './backend.js';
import { copy, isoTime, type PortContext } from './context.js';

const MessagesSchema = ConversationMessageInputSchema.array();
const DEFAULT_RECENT = 10;

/** MessagesSchema, by hand for the common case; zod decides (and explains) anything else. */
function parseMessages(input: unknown): ParsedMessageInput[] {
  if (Array.isArray(input)) {
    const parsed: ParsedMessageInput[] = [];
    for (const message of input) {
      const vouched = vouchMessageInput(message);
      if (vouched === undefined) return parseInput(MessagesSchema, input, 'messages');
      parsed.push(vouched);
    }
    return parsed;
  }
  return parseInput(MessagesSchema, input, 'messages');
}

export function createConversationWindow(ctx: PortContext): ConversationWindow {
  const { backend, keys, config } = ctx;

  /** Validates every message first, then pushes them all, trims and resets the TTL: all or nothing. */
  const push = (userId: string, input: unknown): ConversationMessage[] => {
    ctx.assertOpen();
    const key = keys.messages(userId);
    const parsed = parseMessages(input);
    const now = backend.now();
    const stored: ConversationMessage[] = parsed.map((m) => ({ ...m, ts: m.ts ?? isoTime(now) }));
    for (const m of stored) ctx.assertSize(m, 'message');
    if (stored.length === 0) return [];
    let entry = backend.live(key, 'list', now);
    if (!entry) {
      entry = { kind: 'list', expiresAt: 0, items: [] } satisfies ListEntry;
      backend.set(key, entry);
    }
    for (const m of stored) entry.items.unshift(copy(m));
    if (entry.items.length > config.limits.windowLength) entry.items.length = config.limits.windowLength;
    entry.expiresAt = now + config.ttl.windowMs;
    return stored;
  };

  const items = (userId: string): ConversationMessage[] => {
    ctx.assertOpen();
    const entry = backend.live(keys.messages(userId), 'list');
    return (entry?.items ?? []) as ConversationMessage[];
  };

  return {
    async append(userId, message) {
      return push(userId, [message])[0]!;
    },

    async appendMany(userId, messages) {
      return push(userId, messages);
    },

    async recent(userId, n) {
      ctx.assertOpen();
      const count = n === undefined ? DEFAULT_RECENT : parseCount(n, 'n');
      return items(userId).slice(0, count).map(copy);
    },

    async length(userId) {
      return items(userId).length;
    },

    async clear(userId) {
      ctx.assertOpen();
      backend.delete(keys.messages(userId));
    },
  };
}
