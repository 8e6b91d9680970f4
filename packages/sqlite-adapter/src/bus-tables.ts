import { globMatch } from '@agent-memory/core';
import type { Database } from 'better-sqlite3';

/** A subscribed adapter writes its heartbeat this often (wall-clock ms)… */
export const HEARTBEAT_MS = 1000;
/** …and counts as gone (a killed process) once its heartbeat is this old. */
export const PEER_STALE_MS = 5000;
/** A message nobody read for this long is deleted even if a stalled peer has not read it. */
export const MESSAGE_RETENTION_MS = 60_000;

export interface BusRow {
  id: number;
  origin: string;
  ns: string;
  channel: string;
  payload: string;
}

/** One subscription as other processes see it. */
export interface SubscriptionRow {
  sub: number;
  target: string;
  isPattern: boolean;
}

/**
 * The tables behind pub/sub between processes (schema.ts): `bus_peers` (adapters with
 * subscriptions, with a heartbeat and how far they have read), `bus_subscriptions` (what each
 * listens to) and `bus_messages` (what was published for listeners in other processes).
 * Time here is always the wall clock: liveness is between processes, whatever clock a test injects.
 */
export function createBusTables(db: Database, peer: string) {
  const fresh = 'p.peer = s.peer AND p.heartbeat_at > ?';
  const sql = {
    lastId: db
      .prepare<[], number>("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'bus_messages'")
      .pluck(),
    join: db.prepare(
      'INSERT OR REPLACE INTO bus_peers (peer, pid, heartbeat_at, cursor) VALUES (?, ?, ?, ?)',
    ),
    leave: db.prepare('DELETE FROM bus_peers WHERE peer = ?'),
    leaveSubs: db.prepare('DELETE FROM bus_subscriptions WHERE peer = ?'),
    beat: db.prepare('UPDATE bus_peers SET heartbeat_at = ?, cursor = ? WHERE peer = ?'),
    subscribe: db.prepare(
      'INSERT OR REPLACE INTO bus_subscriptions (peer, sub, ns, target, is_pattern) VALUES (?, ?, ?, ?, ?)',
    ),
    unsubscribe: db.prepare('DELETE FROM bus_subscriptions WHERE peer = ? AND sub = ?'),
    channelListeners: db
      .prepare<[number, string, string, string], number>(
        `SELECT count(*) FROM bus_subscriptions s JOIN bus_peers p ON ${fresh}
         WHERE s.ns = ? AND s.is_pattern = 0 AND s.target = ? AND s.peer <> ?`,
      )
      .pluck(),
    patterns: db
      .prepare<[number, string, string], string>(
        `SELECT s.target FROM bus_subscriptions s JOIN bus_peers p ON ${fresh}
         WHERE s.ns = ? AND s.is_pattern = 1 AND s.peer <> ?`,
      )
      .pluck(),
    insert: db.prepare(
      'INSERT INTO bus_messages (ns, channel, payload, origin, published_at) VALUES (?, ?, ?, ?, ?)',
    ),
    since: db.prepare<[number], BusRow>(
      'SELECT id, origin, ns, channel, payload FROM bus_messages WHERE id > ? ORDER BY id LIMIT 1000',
    ),
    staleSubs: db.prepare(
      'DELETE FROM bus_subscriptions WHERE peer IN (SELECT peer FROM bus_peers WHERE heartbeat_at <= ?)',
    ),
    stalePeers: db.prepare('DELETE FROM bus_peers WHERE heartbeat_at <= ?'),
    // read by every live peer (or by nobody left to read it), or too old to wait for
    delivered: db.prepare(
      `DELETE FROM bus_messages WHERE published_at < ?
         OR id <= coalesce((SELECT min(cursor) FROM bus_peers WHERE heartbeat_at > ?), 9e18)`,
    ),
  };

  const rejoin = db.transaction(
    (subs: Iterable<SubscriptionRow>, ns: string, cursor: number, now: number) => {
      sql.join.run(peer, process.pid, now, cursor);
      for (const s of subs) sql.subscribe.run(peer, s.sub, ns, s.target, s.isPattern ? 1 : 0);
    },
  );

  const prune = db.transaction((now: number) => {
    const stale = now - PEER_STALE_MS;
    sql.staleSubs.run(stale);
    sql.stalePeers.run(stale);
    return sql.delivered.run(now - MESSAGE_RETENTION_MS, stale).changes;
  });

  const subscribe = db.transaction((ns: string, s: SubscriptionRow, joined: boolean, cursor: number) => {
    const since = sql.lastId.get() ?? 0;
    if (!joined) sql.join.run(peer, process.pid, Date.now(), cursor < 0 ? since : cursor);
    sql.subscribe.run(peer, s.sub, ns, s.target, s.isPattern ? 1 : 0);
    return since;
  });

  const leave = db.transaction(() => {
    sql.leaveSubs.run(peer);
    sql.leave.run(peer);
  });

  const heartbeat = db.transaction(
    (subs: Iterable<SubscriptionRow>, ns: string, cursor: number, now: number) => {
      if (sql.beat.run(now, cursor, peer).changes === 0) rejoin(subs, ns, cursor, now);
      prune(now);
    },
  );

  return {
    /**
     * Registers a subscription (and this peer, unless `joined`, reading from `cursor`, or from now
     * when it is negative); returns the id after which the subscription's messages start.
     */
    subscribe: (ns: string, s: SubscriptionRow, joined: boolean, cursor: number): number =>
      subscribe.immediate(ns, s, joined, cursor),
    unsubscribe: (sub: number) => sql.unsubscribe.run(peer, sub),
    /** Forgets this peer and its subscriptions (last unsubscribe, close). */
    leave: () => leave.immediate(),
    /** Writes the heartbeat; a peer pruned while it was stalled joins again with its subscriptions. */
    heartbeat: (subs: Iterable<SubscriptionRow>, ns: string, cursor: number) =>
      heartbeat.immediate(subs, ns, cursor, Date.now()),
    /** How many subscriptions of other live peers `channel` reaches. */
    listeners(ns: string, channel: string): number {
      const since = Date.now() - PEER_STALE_MS;
      let count = sql.channelListeners.get(since, ns, channel, peer) ?? 0;
      for (const pattern of sql.patterns.all(since, ns, peer)) if (globMatch(pattern, channel)) count++;
      return count;
    },
    insert: (ns: string, channel: string, payload: string) =>
      sql.insert.run(ns, channel, payload, peer, Date.now()),
    /** Messages after `cursor` (this peer's own too: the cursor moves past them), at most 1000. */
    since: (cursor: number) => sql.since.all(cursor),
    lastId: () => sql.lastId.get() ?? 0,
    /** Deletes dead peers and delivered messages (the sweep; heartbeats do it too). */
    prune: (now = Date.now()) => prune.immediate(now),
  };
}

export type BusTables = ReturnType<typeof createBusTables>;
