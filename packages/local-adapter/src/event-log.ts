import {
  assertId,
  CountSchema,
  type EventLog,
  GroupStartIdSchema,
  type LogEntry,
  MemoryError,
  MinIdleMsSchema,
  parseInput,
  parseJsonObject,
  RangeOptionsSchema,
  ReadGroupOptionsSchema,
  StreamIdSchema,
} from '@agent-memory/core';
import type { GroupState, StreamEntry, StreamRow } from './backend.js';
import { copy, type PortContext } from './context.js';

const IdListSchema = StreamIdSchema.array();
/** XAUTOCLAIM's default COUNT. */
const DEFAULT_CLAIM_COUNT = 100;

interface Position {
  ms: number;
  seq: number;
}

const parseId = (id: string): Position => {
  const dash = id.indexOf('-');
  return { ms: Number(id.slice(0, dash)), seq: Number(id.slice(dash + 1)) };
};

const compare = (a: Position, b: Position): number => a.ms - b.ms || a.seq - b.seq;

/** Index of the first row strictly after `position` (rows are in id order). */
function firstAfter(rows: StreamRow[], position: Position): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(rows[mid]!, position) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const toEntry = (row: StreamRow): LogEntry => ({ id: row.id, data: copy(row.data) });

export function createEventLog(ctx: PortContext): EventLog {
  const { backend, keys, config } = ctx;
  const maxLength = config.limits.eventLogMaxLength;
  // approximate MAXLEN like XADD MAXLEN ~: trim in batches, never below the maximum
  const trimSlack = Math.min(100, Math.ceil(maxLength / 10));

  /** The stream and group, or NOT_FOUND (Redis' NOGROUP). */
  const groupOf = (key: string, stream: string, group: string, now: number): [StreamEntry, GroupState] => {
    const entry = backend.live(key, 'stream', now);
    const state = entry?.groups.get(group);
    if (!entry || !state) {
      throw new MemoryError(
        'NOT_FOUND',
        `no consumer group ${JSON.stringify(group)} on stream ${JSON.stringify(stream)}`,
        {
          details: { stream, group },
        },
      );
    }
    return [entry, state];
  };

  const readNew = (
    key: string,
    stream: string,
    group: string,
    consumer: string,
    count: number | undefined,
  ) => {
    ctx.assertOpen();
    const now = backend.now();
    const [entry, state] = groupOf(key, stream, group, now);
    const start = firstAfter(entry.rows, { ms: state.lastMs, seq: state.lastSeq });
    const rows = entry.rows.slice(start, count === undefined ? undefined : start + count);
    const last = rows[rows.length - 1];
    if (last) {
      state.lastMs = last.ms;
      state.lastSeq = last.seq;
    }
    for (const row of rows) state.pending.set(row.id, { consumer, deliveredAt: now, deliveries: 1 });
    return rows.map(toEntry);
  };

  /** Resolves after the next append to `key`, after `ms` of real time, or on close. */
  const waitForAppend = (key: string, ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        cancel();
        stopOnClose();
        resolve();
      };
      const timer = setTimeout(done, ms);
      const cancel = backend.onAppend(key, done);
      const stopOnClose = ctx.onClose(done);
    });

  return {
    async append(stream, data) {
      ctx.assertOpen();
      const key = keys.stream(stream);
      const value = parseJsonObject(data, 'log entry');
      ctx.assertSize(value, 'log entry');
      const now = backend.now();
      let entry = backend.live(key, 'stream', now);
      if (!entry) {
        entry = { kind: 'stream', expiresAt: 0, rows: [], lastMs: 0, lastSeq: 0, groups: new Map() };
        backend.set(key, entry);
      }
      const ms = Math.max(now, entry.lastMs);
      // same millisecond as the last id: next sequence number (and never the invalid id 0-0)
      const seq = ms === entry.lastMs ? entry.lastSeq + 1 : 0;
      const id = `${ms}-${seq}`;
      entry.rows.push({ id, ms, seq, data: value });
      entry.lastMs = ms;
      entry.lastSeq = seq;
      if (entry.rows.length > maxLength + trimSlack) entry.rows.splice(0, entry.rows.length - maxLength);
      entry.expiresAt = now + config.ttl.eventLogMs;
      backend.notifyAppend(key);
      return id;
    },

    async range(stream, options = {}) {
      ctx.assertOpen();
      const key = keys.stream(stream);
      const o = parseInput(RangeOptionsSchema, options, 'range options');
      const rows = backend.live(key, 'stream')?.rows ?? [];
      const start = o.after === undefined ? 0 : firstAfter(rows, parseId(o.after));
      const end = o.to === undefined ? rows.length : firstAfter(rows, parseId(o.to));
      const stop = o.count === undefined ? end : Math.min(end, start + o.count);
      return rows.slice(start, Math.max(start, stop)).map(toEntry);
    },

    async length(stream) {
      ctx.assertOpen();
      return backend.live(keys.stream(stream), 'stream')?.rows.length ?? 0;
    },

    async createGroup(stream, group, startId = '$') {
      ctx.assertOpen();
      const key = keys.stream(stream);
      assertId(group, 'group');
      const start = parseInput(GroupStartIdSchema, startId, 'group start id');
      const now = backend.now();
      let entry = backend.live(key, 'stream', now);
      if (!entry) {
        // XGROUP CREATE … MKSTREAM: an empty stream, with the TTL every stream key carries
        entry = {
          kind: 'stream',
          expiresAt: now + config.ttl.eventLogMs,
          rows: [],
          lastMs: 0,
          lastSeq: 0,
          groups: new Map(),
        };
        backend.set(key, entry);
      }
      if (entry.groups.has(group)) return;
      const from =
        start === '$'
          ? { ms: entry.lastMs, seq: entry.lastSeq }
          : start === '0'
            ? { ms: 0, seq: 0 }
            : parseId(start);
      entry.groups.set(group, { lastMs: from.ms, lastSeq: from.seq, pending: new Map() });
    },

    async readGroup(stream, group, consumer, options = {}) {
      ctx.assertOpen();
      const key = keys.stream(stream);
      assertId(group, 'group');
      assertId(consumer, 'consumer');
      const o = parseInput(ReadGroupOptionsSchema, options, 'read options');
      const deadline = Date.now() + (o.blockMs ?? 0);
      for (;;) {
        const entries = readNew(key, stream, group, consumer, o.count);
        const left = deadline - Date.now();
        if (entries.length > 0 || left <= 0) return entries;
        await waitForAppend(key, left);
      }
    },

    async ack(stream, group, ids) {
      ctx.assertOpen();
      const key = keys.stream(stream);
      assertId(group, 'group');
      const list = parseInput(IdListSchema, ids, 'ids');
      const state = backend.live(key, 'stream')?.groups.get(group);
      if (!state) return 0;
      let acked = 0;
      for (const id of list) if (state.pending.delete(id)) acked++;
      return acked;
    },

    async pending(stream, group) {
      ctx.assertOpen();
      const key = keys.stream(stream);
      assertId(group, 'group');
      const now = backend.now();
      const [, state] = groupOf(key, stream, group, now);
      return [...state.pending]
        .map(([id, p]) => ({
          id,
          consumer: p.consumer,
          idleMs: now - p.deliveredAt,
          deliveries: p.deliveries,
        }))
        .sort((a, b) => compare(parseId(a.id), parseId(b.id)));
    },

    async claimStale(stream, group, consumer, minIdleMs, count) {
      ctx.assertOpen();
      const key = keys.stream(stream);
      assertId(group, 'group');
      assertId(consumer, 'consumer');
      const minIdle = parseInput(MinIdleMsSchema, minIdleMs, 'minIdleMs');
      const limit = count === undefined ? DEFAULT_CLAIM_COUNT : parseInput(CountSchema, count, 'count');
      const now = backend.now();
      const [entry, state] = groupOf(key, stream, group, now);
      const claimed: LogEntry[] = [];
      const ids = [...state.pending.keys()].sort((a, b) => compare(parseId(a), parseId(b)));
      for (const id of ids) {
        if (claimed.length >= limit) break;
        const p = state.pending.get(id)!;
        if (now - p.deliveredAt < minIdle) continue;
        const at = firstAfter(entry.rows, parseId(id)) - 1;
        const row = entry.rows[at];
        if (!row || row.id !== id) {
          // trimmed away while pending: XAUTOCLAIM drops such ids from the pending list
          state.pending.delete(id);
          continue;
        }
        p.consumer = consumer;
        p.deliveredAt = now;
        p.deliveries++;
        claimed.push(toEntry(row));
      }
      return claimed;
    },
  };
}
