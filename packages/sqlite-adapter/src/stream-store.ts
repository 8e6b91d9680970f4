import type { LogEntry, PendingEntry } from '@agent-memory/core';
import { MemoryError } from '@agent-memory/core';
import type { SqliteContext } from './context.js';

/** A stream id taken apart: `<ms>-<seq>`. */
export interface Position {
  ms: number;
  seq: number;
}

export const parseStreamId = (id: string): Position => {
  const dash = id.indexOf('-');
  return { ms: Number(id.slice(0, dash)), seq: Number(id.slice(dash + 1)) };
};

interface StreamRow {
  last_ms: number;
  last_seq: number;
  length: number;
  expires_at: number;
}

interface EntryRow {
  ms: number;
  seq: number;
  data: string;
}

interface PendingRow {
  ms: number;
  seq: number;
  consumer: string;
  delivered_at: number;
  deliveries: number;
  data: string | null;
}

const toEntry = (row: EntryRow): LogEntry => ({ id: `${row.ms}-${row.seq}`, data: JSON.parse(row.data) });

const FIRST: Position = { ms: -1, seq: -1 };
const LAST: Position = { ms: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER };

/**
 * The SQL of the event log (Redis streams with consumer groups), one transaction per operation.
 * A stream row carries the expiry and the last id; entries, groups and pending entries belong to
 * it and are invisible (then swept) once it expired.
 */
export function createStreamStore(ctx: SqliteContext) {
  const { db, ns, config } = ctx;
  const maxLength = config.limits.eventLogMaxLength;
  // approximate MAXLEN like XADD MAXLEN ~: trim in batches, never below the maximum
  const trimSlack = Math.min(100, Math.ceil(maxLength / 10));
  const key = 'ns = ? AND name = ?';
  const sql = {
    stream: db.prepare<[string, string], StreamRow>(
      `SELECT last_ms, last_seq, length, expires_at FROM streams WHERE ${key}`,
    ),
    setStream: db.prepare(
      'INSERT OR REPLACE INTO streams (ns, name, last_ms, last_seq, length, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    dropEntries: db.prepare(`DELETE FROM stream_entries WHERE ${key}`),
    dropGroups: db.prepare(`DELETE FROM stream_groups WHERE ${key}`),
    dropPending: db.prepare(`DELETE FROM stream_pending WHERE ${key}`),
    add: db.prepare('INSERT INTO stream_entries (ns, name, ms, seq, data) VALUES (?, ?, ?, ?, ?)'),
    trim: db.prepare(
      `DELETE FROM stream_entries WHERE ${key} AND (ms, seq) <= (
         SELECT ms, seq FROM stream_entries WHERE ${key} ORDER BY ms, seq LIMIT 1 OFFSET ?)`,
    ),
    range: db.prepare<[string, string, number, number, number, number, number], EntryRow>(
      `SELECT ms, seq, data FROM stream_entries WHERE ${key} AND (ms, seq) > (?, ?) AND (ms, seq) <= (?, ?)
       ORDER BY ms, seq LIMIT ?`,
    ),
    group: db.prepare<[string, string, string], Position>(
      `SELECT last_ms AS ms, last_seq AS seq FROM stream_groups WHERE ${key} AND grp = ?`,
    ),
    setGroup: db.prepare(
      'INSERT OR REPLACE INTO stream_groups (ns, name, grp, last_ms, last_seq) VALUES (?, ?, ?, ?, ?)',
    ),
    deliver: db.prepare(
      `INSERT OR REPLACE INTO stream_pending (ns, name, grp, ms, seq, consumer, delivered_at, deliveries)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    ack: db.prepare(`DELETE FROM stream_pending WHERE ${key} AND grp = ? AND ms = ? AND seq = ?`),
    pending: db.prepare<[string, string, string], PendingRow>(
      `SELECT ms, seq, consumer, delivered_at, deliveries, NULL AS data FROM stream_pending
       WHERE ${key} AND grp = ? ORDER BY ms, seq`,
    ),
    stale: db.prepare<[string, string, string, number], PendingRow>(
      `SELECT p.ms, p.seq, p.consumer, p.delivered_at, p.deliveries, e.data FROM stream_pending p
       LEFT JOIN stream_entries e ON e.ns = p.ns AND e.name = p.name AND e.ms = p.ms AND e.seq = p.seq
       WHERE p.ns = ? AND p.name = ? AND p.grp = ? AND p.delivered_at <= ? ORDER BY p.ms, p.seq`,
    ),
    claim: db.prepare(
      `UPDATE stream_pending SET consumer = ?, delivered_at = ?, deliveries = deliveries + 1
       WHERE ${key} AND grp = ? AND ms = ? AND seq = ?`,
    ),
  };

  /** The live stream, or undefined (an expired one stays until the sweep or the next write). */
  const live = (name: string, now: number): StreamRow | undefined => {
    const row = sql.stream.get(ns, name);
    return row && row.expires_at > now ? row : undefined;
  };

  /** For writes that start a stream: an expired one's entries and groups go first. */
  const liveOrCleared = (name: string, now: number): StreamRow | undefined => {
    const row = sql.stream.get(ns, name);
    if (!row || row.expires_at > now) return row;
    sql.dropEntries.run(ns, name);
    sql.dropGroups.run(ns, name);
    sql.dropPending.run(ns, name);
    return undefined;
  };

  /** The group's cursor, or NOT_FOUND (Redis' NOGROUP). */
  const groupOf = (name: string, group: string, now: number): Position => {
    const cursor = live(name, now) && sql.group.get(ns, name, group);
    if (!cursor) {
      throw new MemoryError(
        'NOT_FOUND',
        `no consumer group ${JSON.stringify(group)} on stream ${JSON.stringify(name)}`,
        { details: { stream: name, group } },
      );
    }
    return cursor;
  };

  const append = db.transaction((name: string, data: string, now: number): string => {
    const stream = liveOrCleared(name, now) ?? { last_ms: 0, last_seq: 0, length: 0, expires_at: 0 };
    const ms = Math.max(now, stream.last_ms);
    // same millisecond as the last id: next sequence number (and never the invalid id 0-0)
    const seq = ms === stream.last_ms ? stream.last_seq + 1 : 0;
    sql.add.run(ns, name, ms, seq, data);
    let length = stream.length + 1;
    if (length > maxLength + trimSlack) {
      sql.trim.run(ns, name, ns, name, length - maxLength - 1);
      length = maxLength;
    }
    sql.setStream.run(ns, name, ms, seq, length, now + config.ttl.eventLogMs);
    return `${ms}-${seq}`;
  });

  // reads of two statements run in one (deferred) transaction, so they see one state of the file
  const rangeTx = db.transaction(
    (name: string, after: Position, to: Position, count: number, now: number) => {
      if (!live(name, now)) return [];
      return sql.range.all(ns, name, after.ms, after.seq, to.ms, to.seq, count).map(toEntry);
    },
  );

  const createGroup = db.transaction((name: string, group: string, start: string, now: number) => {
    let stream = liveOrCleared(name, now);
    if (!stream) {
      // XGROUP CREATE … MKSTREAM: an empty stream, with the TTL every stream key carries
      stream = { last_ms: 0, last_seq: 0, length: 0, expires_at: now + config.ttl.eventLogMs };
      sql.setStream.run(ns, name, 0, 0, 0, stream.expires_at);
    }
    if (sql.group.get(ns, name, group)) return;
    const from: Position =
      start === '$'
        ? { ms: stream.last_ms, seq: stream.last_seq }
        : start === '0'
          ? { ms: 0, seq: 0 }
          : parseStreamId(start);
    sql.setGroup.run(ns, name, group, from.ms, from.seq);
  });

  const readNew = db.transaction(
    (name: string, group: string, consumer: string, count: number, now: number): LogEntry[] => {
      const cursor = groupOf(name, group, now);
      const rows = sql.range.all(ns, name, cursor.ms, cursor.seq, LAST.ms, LAST.seq, count);
      const last = rows[rows.length - 1];
      if (!last) return [];
      sql.setGroup.run(ns, name, group, last.ms, last.seq);
      for (const row of rows) sql.deliver.run(ns, name, group, row.ms, row.seq, consumer, now);
      return rows.map(toEntry);
    },
  );

  const ack = db.transaction((name: string, group: string, ids: Position[], now: number): number => {
    if (!live(name, now)) return 0;
    let acked = 0;
    for (const id of ids) acked += sql.ack.run(ns, name, group, id.ms, id.seq).changes;
    return acked;
  });

  const pendingTx = db.transaction((name: string, group: string, now: number): PendingEntry[] => {
    groupOf(name, group, now);
    return sql.pending.all(ns, name, group).map((p) => ({
      id: `${p.ms}-${p.seq}`,
      consumer: p.consumer,
      idleMs: now - p.delivered_at,
      deliveries: p.deliveries,
    }));
  });

  const claimStale = db.transaction(
    (name: string, group: string, consumer: string, minIdle: number, limit: number, now: number) => {
      groupOf(name, group, now);
      const claimed: LogEntry[] = [];
      for (const p of sql.stale.all(ns, name, group, now - minIdle)) {
        if (claimed.length >= limit) break;
        if (p.data === null) {
          // trimmed away while pending: XAUTOCLAIM drops such ids from the pending list
          sql.ack.run(ns, name, group, p.ms, p.seq);
          continue;
        }
        sql.claim.run(consumer, now, ns, name, group, p.ms, p.seq);
        claimed.push(toEntry({ ms: p.ms, seq: p.seq, data: p.data }));
      }
      return claimed;
    },
  );

  return {
    append: (name: string, data: string, now: number) => append.immediate(name, data, now),
    range: (name: string, after: Position, to: Position, count: number, now: number): LogEntry[] =>
      rangeTx(name, after, to, count, now),
    length: (name: string, now: number) => live(name, now)?.length ?? 0,
    createGroup: (name: string, group: string, start: string, now: number) =>
      createGroup.immediate(name, group, start, now),
    readNew: (name: string, group: string, consumer: string, count: number, now: number) =>
      readNew.immediate(name, group, consumer, count, now),
    ack: (name: string, group: string, ids: Position[], now: number) => ack.immediate(name, group, ids, now),
    pending: (name: string, group: string, now: number): PendingEntry[] => pendingTx(name, group, now),
    claimStale: (
      name: string,
      group: string,
      consumer: string,
      minIdle: number,
      limit: number,
      now: number,
    ) => claimStale.immediate(name, group, consumer, minIdle, limit, now),
    FIRST,
    LAST,
  };
}

export type StreamStore = ReturnType<typeof createStreamStore>;
