import {
  type ConversationMessage,
  type ConversationMessageInput,
  ConversationMessageSchema,
  type ConversationWindow,
  MemoryError,
  parseCount,
  parseMessageInput,
} from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { assertJsonWithinLimit } from './size-limit.js';
import { decodeStoredFast } from './stored-data.js';
import { isStoredMessage } from './stored-shapes.js';

const DEFAULT_RECENT = 10;

/** Per-user sliding window: LIST `<ns>:memory:<user>:messages`, newest first. */
export function createConversationWindow(ctx: RedisContext): ConversationWindow {
  const { keys, config, scripts } = ctx;

  const appendAll = async (
    userId: string,
    inputs: ConversationMessageInput[],
  ): Promise<ConversationMessage[]> => {
    const key = keys.messages(userId);
    const parsed = inputs.map((m, i) => parseMessageInput(m, `message ${i}`));
    if (parsed.length === 0) return [];
    const ts = parsed.some((m) => m.ts === undefined) ? await ctx.isoNow() : '';
    const stored: ConversationMessage[] = parsed.map((m) => ({ ...m, ts: m.ts ?? ts }));
    const json = stored.map((m) => JSON.stringify(m));
    for (const text of json) assertJsonWithinLimit(text, config.limits.maxValueBytes, 'message');
    // LPUSH with several values pushes them in order, so the last message ends up at the head;
    // LTRIM and PEXPIRE run in the same script: one round trip, all or nothing.
    await ctx.command('window append', key, () =>
      scripts.listPush([key], [config.limits.windowLength, config.ttl.windowMs, ...json]),
    );
    return stored;
  };

  return {
    async append(userId, message) {
      const [stored] = await appendAll(userId, [message]);
      return stored!;
    },

    async appendMany(userId, messages) {
      if (!Array.isArray(messages)) {
        throw new MemoryError('INVALID_INPUT', 'invalid messages: must be an array');
      }
      return appendAll(userId, messages);
    },

    async recent(userId, n = DEFAULT_RECENT) {
      const key = keys.messages(userId);
      const count = parseCount(n, 'n');
      const raw = await ctx.command('LRANGE', key, () => ctx.client.lrange(key, 0, count - 1));
      return raw.map((item) =>
        decodeStoredFast(ConversationMessageSchema, isStoredMessage, item, key, 'message'),
      );
    },

    async length(userId) {
      const key = keys.messages(userId);
      return ctx.command('LLEN', key, () => ctx.client.llen(key));
    },

    async clear(userId) {
      const key = keys.messages(userId);
      await ctx.command('DEL', key, () => ctx.client.del(key));
    },
  };
}
