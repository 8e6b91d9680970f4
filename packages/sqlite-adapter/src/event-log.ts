import {
  assertId,
  CountSchema,
  type EventLog,
  GroupStartIdSchema,
  MinIdleMsSchema,
  parseInput,
  parseJsonObject,
  RangeOptionsSchema,
  ReadGroupOptionsSchema,
  StreamIdSchema,
} from '@agent-memory/core';
import type { SqliteContext } from './context.js';
import { createStreamStore, parseStreamId } from './stream-store.js';

const IdListSchema = StreamIdSchema.array();
/** XAUTOCLAIM's default COUNT. */
const DEFAULT_CLAIM_COUNT = 100;
/** SQLite's LIMIT -1: no limit. */
const ALL = -1;

export interface SqliteEventLog extends EventLog {
  /** Wakes every blocked read (close()). */
  close(): void;
}

/**
 * The durable event log with consumer groups on SQLite (see stream-store.ts for the tables).
 * A blocked readGroup wakes on an append by this adapter at once, and on a commit by another
 * process at the next tick of the change watcher.
 */
export function createEventLog(ctx: SqliteContext): SqliteEventLog {
  const store = createStreamStore(ctx);
  const waiters = new Map<string, Set<() => void>>();

  const wakeAll = (name?: string) => {
    for (const [stream, set] of waiters) {
      if (name !== undefined && stream !== name) continue;
      for (const wake of set) wake();
    }
  };

  /** Resolves after the next append to `name` here, a commit elsewhere, `ms` of real time, or close. */
  const waitForAppend = (name: string, ms: number) =>
    new Promise<void>((resolve) => {
      let set = waiters.get(name);
      if (!set) {
        set = new Set();
        waiters.set(name, set);
      }
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && waiters.get(name) === set) waiters.delete(name);
        stopWatching();
        stopOnClose();
        resolve();
      };
      set.add(done);
      const timer = setTimeout(done, ms);
      const stopWatching = ctx.watcher.add((changed) => {
        if (changed) done();
      });
      const stopOnClose = ctx.onClose(done);
    });

  return {
    async append(stream, data) {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      const text = ctx.json(parseJsonObject(data, 'log entry'), 'log entry');
      const id = ctx.write('log append', () => store.append(stream, text, ctx.clock.now()));
      wakeAll(stream);
      return id;
    },

    async range(stream, options = {}) {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      const o = parseInput(RangeOptionsSchema, options, 'range options');
      const after = o.after === undefined ? store.FIRST : parseStreamId(o.after);
      const to = o.to === undefined ? store.LAST : parseStreamId(o.to);
      return ctx.read('log range', () => store.range(stream, after, to, o.count ?? ALL, ctx.clock.now()));
    },

    async length(stream) {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      return ctx.read('log length', () => store.length(stream, ctx.clock.now()));
    },

    async createGroup(stream, group, startId = '$') {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      assertId(group, 'group');
      const start = parseInput(GroupStartIdSchema, startId, 'group start id');
      ctx.write('log create group', () => store.createGroup(stream, group, start, ctx.clock.now()));
    },

    async readGroup(stream, group, consumer, options = {}) {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      assertId(group, 'group');
      assertId(consumer, 'consumer');
      const o = parseInput(ReadGroupOptionsSchema, options, 'read options');
      const deadline = Date.now() + (o.blockMs ?? 0);
      for (;;) {
        ctx.assertOpen();
        const entries = ctx.write('log read group', () =>
          store.readNew(stream, group, consumer, o.count ?? ALL, ctx.clock.now()),
        );
        const left = deadline - Date.now();
        if (entries.length > 0 || left <= 0) return entries;
        await waitForAppend(stream, left);
      }
    },

    async ack(stream, group, ids) {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      assertId(group, 'group');
      const list = parseInput(IdListSchema, ids, 'ids').map(parseStreamId);
      return ctx.write('log ack', () => store.ack(stream, group, list, ctx.clock.now()));
    },

    async pending(stream, group) {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      assertId(group, 'group');
      return ctx.read('log pending', () => store.pending(stream, group, ctx.clock.now()));
    },

    async claimStale(stream, group, consumer, minIdleMs, count) {
      ctx.assertOpen();
      assertId(stream, 'stream name');
      assertId(group, 'group');
      assertId(consumer, 'consumer');
      const minIdle = parseInput(MinIdleMsSchema, minIdleMs, 'minIdleMs');
      const limit = count === undefined ? DEFAULT_CLAIM_COUNT : parseInput(CountSchema, count, 'count');
      return ctx.write('log claim stale', () =>
        store.claimStale(stream, group, consumer, minIdle, limit, ctx.clock.now()),
      );
    },

    close() {
      wakeAll();
    },
  };
}
