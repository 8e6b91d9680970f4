import {
  assertId,
  CountSchema,
  type EventLog,
  GroupStartIdSchema,
  isPlainJsonObject,
  JsonObjectSchema,
  MinIdleMsSchema,
  type PendingEntry,
  parseInput,
  RangeOptionsSchema,
  ReadGroupOptionsSchema,
  StreamIdSchema,
} from '@agent-memory/core';
import { z } from 'zod';
import { BlockingConnections } from './blocking-connections.js';
import type { RedisContext } from './redis-context.js';
import { assertJsonWithinLimit } from './size-limit.js';
import { corrupt } from './stored-data.js';
import { DATA_FIELD, decodeEntries } from './stream-entry.js';

const IdsSchema = z.array(StreamIdSchema);
const PENDING_PAGE = 1000;

export interface RedisEventLog extends EventLog {
  close(): void;
}

/**
 * Durable logs as STREAM `<ns>:stream:{<name>}`: every entry one field `data` holding a JSON
 * object; XADD trims with MAXLEN ~ and re-arms the TTL in the same script.
 */
export function createEventLog(ctx: RedisContext): RedisEventLog {
  const { keys, config } = ctx;
  const blocking = new BlockingConnections(ctx.client);

  return {
    async append(stream, data) {
      const key = keys.stream(stream);
      const json = JSON.stringify(
        isPlainJsonObject(data) ? data : parseInput(JsonObjectSchema, data, 'log entry'),
      );
      assertJsonWithinLimit(json, config.limits.maxValueBytes, 'log entry');
      const id = await ctx.command('XADD', key, () =>
        ctx.scripts.logAppend(
          [key],
          [config.limits.eventLogMaxLength, config.ttl.eventLogMs, DATA_FIELD, json],
        ),
      );
      if (typeof id !== 'string') throw corrupt(key, 'XADD returned no id');
      return id;
    },

    async range(stream, options = {}) {
      const key = keys.stream(stream);
      const { after, to, count } = parseInput(RangeOptionsSchema, options, 'range options');
      // '(' makes the start exclusive: replay continues strictly after the last id seen.
      const start = after === undefined ? '-' : `(${after}`;
      const end = to ?? '+';
      const entries = await ctx.command('XRANGE', key, () =>
        count === undefined
          ? ctx.client.xrange(key, start, end)
          : ctx.client.xrange(key, start, end, 'COUNT', count),
      );
      return decodeEntries(entries, key);
    },

    async length(stream) {
      const key = keys.stream(stream);
      return ctx.command('XLEN', key, () => ctx.client.xlen(key));
    },

    async createGroup(stream, group, startId = '$') {
      const key = keys.stream(stream);
      assertId(group, 'group');
      const start = parseInput(GroupStartIdSchema, startId, 'start id');
      await ctx.command('XGROUP CREATE', key, () =>
        ctx.scripts.logCreateGroup([key], [group, start, config.ttl.eventLogMs]),
      );
    },

    async readGroup(stream, group, consumer, options = {}) {
      const key = keys.stream(stream);
      assertId(group, 'group');
      assertId(consumer, 'consumer');
      const { count, blockMs } = parseInput(ReadGroupOptionsSchema, options, 'read options');
      const args: (string | number)[] = ['GROUP', group, consumer];
      if (count !== undefined) args.push('COUNT', count);
      let reply: unknown;
      if (blockMs !== undefined && blockMs > 0) {
        args.push('BLOCK', blockMs, 'STREAMS', key, '>');
        const deadline = ctx.commandTimeoutMs + blockMs;
        reply = await ctx.run(
          'XREADGROUP',
          key,
          () => blocking.use(deadline, (conn) => conn.call('XREADGROUP', ...args)),
          blockMs,
        );
      } else {
        args.push('STREAMS', key, '>');
        reply = await ctx.command('XREADGROUP', key, () => ctx.client.call('XREADGROUP', ...args));
      }
      if (reply === null) return [];
      if (!Array.isArray(reply)) throw corrupt(key, 'unexpected XREADGROUP reply');
      return reply.flatMap((perStream: unknown) =>
        Array.isArray(perStream) ? decodeEntries(perStream[1], key) : [],
      );
    },

    async ack(stream, group, ids) {
      const key = keys.stream(stream);
      assertId(group, 'group');
      const list = parseInput(IdsSchema, ids, 'ids');
      if (list.length === 0) return 0;
      return ctx.command('XACK', key, () => ctx.client.xack(key, group, ...list));
    },

    async pending(stream, group) {
      const key = keys.stream(stream);
      assertId(group, 'group');
      const out: PendingEntry[] = [];
      let start = '-';
      for (;;) {
        const page = await ctx.command('XPENDING', key, () =>
          ctx.client.xpending(key, group, start, '+', PENDING_PAGE),
        );
        if (!Array.isArray(page)) throw corrupt(key, 'unexpected XPENDING reply');
        for (const row of page) {
          if (!Array.isArray(row) || row.length < 4) throw corrupt(key, 'unexpected XPENDING row');
          const [id, consumer, idle, deliveries] = row as [string, string, number, number];
          out.push({ id, consumer, idleMs: Number(idle), deliveries: Number(deliveries) });
        }
        if (page.length < PENDING_PAGE) return out;
        start = `(${out[out.length - 1]!.id}`;
      }
    },

    async claimStale(stream, group, consumer, minIdleMs, count = 100) {
      const key = keys.stream(stream);
      assertId(group, 'group');
      assertId(consumer, 'consumer');
      const idle = parseInput(MinIdleMsSchema, minIdleMs, 'minIdleMs');
      const wanted = parseInput(CountSchema, count, 'count');
      const claimed = [];
      let cursor = '0-0';
      // XAUTOCLAIM's COUNT bounds the entries scanned, not claimed: continue until enough or done.
      do {
        const reply = await ctx.command('XAUTOCLAIM', key, () =>
          ctx.client.call('XAUTOCLAIM', key, group, consumer, idle, cursor, 'COUNT', wanted - claimed.length),
        );
        if (!Array.isArray(reply) || typeof reply[0] !== 'string')
          throw corrupt(key, 'unexpected XAUTOCLAIM reply');
        cursor = reply[0];
        claimed.push(...decodeEntries(reply[1], key));
      } while (cursor !== '0-0' && claimed.length < wanted);
      return claimed;
    },

    close() {
      blocking.close();
    },
  };
}
