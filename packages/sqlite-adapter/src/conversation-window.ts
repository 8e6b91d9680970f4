import {
  assertId,
  type ConversationMessage,
  ConversationMessageInputSchema,
  type ConversationWindow,
  type ParsedMessageInput,
  parseCount,
  parseInput,
  vouchMessageInput,
} from '@agent-memory/core';
import { isoTime, type SqliteContext } from './context.js';
import { createListStore } from './list-store.js';

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

/** Windows per user: a capped list of message JSON texts, newest first on read. */
export function createConversationWindow(ctx: SqliteContext): ConversationWindow {
  const { config } = ctx;
  const list = createListStore(ctx, 'w', config.limits.windowLength);

  /** Validates every message first, then pushes them all, trims and resets the TTL: all or nothing. */
  const push = (userId: string, input: unknown): ConversationMessage[] => {
    ctx.assertOpen();
    assertId(userId, 'user id');
    const parsed = parseMessages(input);
    const now = ctx.clock.now();
    const stored: ConversationMessage[] = parsed.map((m) => ({ ...m, ts: m.ts ?? isoTime(now) }));
    const texts = stored.map((m) => ctx.json(m, 'message'));
    if (texts.length === 0) return [];
    ctx.write('conversation append', () => list.push(userId, texts, config.ttl.windowMs, now));
    return stored;
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
      assertId(userId, 'user id');
      const count = n === undefined ? DEFAULT_RECENT : parseCount(n, 'n');
      const texts = ctx.read('conversation recent', () => list.newest(userId, count, ctx.clock.now()));
      return texts.map((text) => JSON.parse(text) as ConversationMessage);
    },

    async length(userId) {
      ctx.assertOpen();
      assertId(userId, 'user id');
      return ctx.read('conversation length', () => list.length(userId, ctx.clock.now()));
    },

    async clear(userId) {
      ctx.assertOpen();
      assertId(userId, 'user id');
      ctx.write('conversation clear', () => list.clear(userId));
    },
  };
}
