import {
  type ConversationMessage,
  type ConversationMessageInput,
  ConversationMessageInputSchema,
  ConversationMessageSchema,
  type ConversationWindow,
  CountSchema,
  MemoryError,
  parseInput,
} from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { assertWithinLimit } from './size-limit.js';
import { decodeStored } from './stored-data.js';
import { execAtomic } from './transaction.js';

const DEFAULT_RECENT = 10;

/** Per-user sliding window: LIST `<ns>:memory:<user>:messages`, newest first. */
export function createConversationWindow(ctx: RedisContext): ConversationWindow {
  const { keys, config } = ctx;

  const appendAll = async (
    userId: string,
    inputs: ConversationMessageInput[],
  ): Promise<ConversationMessage[]> => {
    const key = keys.messages(userId);
    const parsed = inputs.map((m, i) => parseInput(ConversationMessageInputSchema, m, `message ${i}`));
    for (const m of parsed) assertWithinLimit(m, config.limits.maxValueBytes, 'message');
    if (parsed.length === 0) return [];
    const ts = parsed.some((m) => m.ts === undefined) ? await ctx.isoNow() : '';
    const stored: ConversationMessage[] = parsed.map((m) => ({ ...m, ts: m.ts ?? ts }));
    // LPUSH with several values pushes them in order, so the last message ends up at the head.
    await execAtomic(ctx, 'window append', key, (tx) =>
      tx
        .lpush(key, ...stored.map((m) => JSON.stringify(m)))
        .ltrim(key, 0, config.limits.windowLength - 1)
        .pexpire(key, config.ttl.windowMs),
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
      const count = parseInput(CountSchema, n, 'n');
      const raw = await ctx.run('LRANGE', key, () => ctx.client.lrange(key, 0, count - 1));
      return raw.map((item) => decodeStored(ConversationMessageSchema, item, key, 'message'));
    },

    async length(userId) {
      const key = keys.messages(userId);
      return ctx.run('LLEN', key, () => ctx.client.llen(key));
    },

    async clear(userId) {
      const key = keys.messages(userId);
      await ctx.run('DEL', key, () => ctx.client.del(key));
    },
  };
}
