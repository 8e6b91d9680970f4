import {
  type BusMessage,
  type EventBus,
  globMatch,
  MemoryError,
  parsePayload,
  type SubscribeOptions,
  type Subscription,
} from '@agent-memory/core';
import {
  type BusRow,
  type BusTables,
  createBusTables,
  HEARTBEAT_MS,
  type SubscriptionRow,
} from './bus-tables.js';
import type { SqliteContext } from './context.js';

interface LocalSubscription extends SubscriptionRow {
  handler: (message: BusMessage) => void;
  onError: SubscribeOptions['onError'];
  /** Messages from other processes with a larger id than this are for it (published after it began). */
  since: number;
  active: boolean;
}

export interface SqliteEventBus extends EventBus {
  /** Drops every subscription of this adapter and leaves the file's peer list (close()). */
  close(): void;
  /** The tables, for the sweep's pruning of dead peers and delivered messages. */
  readonly tables: BusTables;
}

/**
 * Pub/sub for every process on one machine sharing the file (decision 0011). A publish delivers
 * to this adapter's own subscribers directly (a microtask, as in the local adapter), counts the
 * live subscriptions of other adapters on the file and, when there are any, inserts one row for
 * them; they notice it at their next check of `PRAGMA data_version` (every `eventPollMs`).
 * Fire-and-forget like Redis: nothing is kept for whoever subscribes later.
 */
export function createEventBus(ctx: SqliteContext, peer: string): SqliteEventBus {
  const { ns, keys } = ctx;
  const tables = createBusTables(ctx.db, peer);
  const byChannel = new Map<string, Set<LocalSubscription>>();
  const patterns = new Set<LocalSubscription>();
  const all = new Map<number, LocalSubscription>();
  let nextSub = 1;
  let joined = false;
  let cursor = -1;
  let lastBeat = 0;
  let stopWatching: (() => void) | undefined;

  const deliver = (sub: LocalSubscription, raw: string, channel: string, pattern?: string) => {
    queueMicrotask(() => {
      // unsubscribed (or closed) between publish and delivery: gone, as on Redis after UNSUBSCRIBE
      if (!sub.active) return;
      let payload: BusMessage['payload'];
      try {
        payload = JSON.parse(raw);
      } catch (error) {
        sub.onError?.(error as Error, raw, channel);
        return;
      }
      try {
        sub.handler(pattern === undefined ? { channel, payload } : { channel, payload, pattern });
      } catch (error) {
        // a throwing handler must not break delivery to the others, nor crash the publisher
        process.emitWarning(
          `agent-memory: a subscriber of "${channel}" threw: ${String(error)}`,
          'AgentMemoryWarning',
        );
      }
    });
  };

  /** Delivers to this adapter's subscribers of `channel` published after `id`; returns how many. */
  const deliverHere = (channel: string, raw: string, id: number): number => {
    let reached = 0;
    for (const sub of byChannel.get(channel) ?? []) {
      if (sub.since >= id) continue;
      deliver(sub, raw, channel);
      reached++;
    }
    for (const sub of patterns) {
      if (sub.since >= id || !globMatch(sub.target, channel)) continue;
      deliver(sub, raw, channel, sub.target);
      reached++;
    }
    return reached;
  };

  const deliverRows = (rows: BusRow[]) => {
    for (const row of rows) {
      cursor = row.id;
      if (row.origin !== peer && row.ns === ns) deliverHere(row.channel, row.payload, row.id);
    }
  };

  const onTick = (changed: boolean) => {
    if (changed) {
      for (let rows = tables.since(cursor); ; rows = tables.since(cursor)) {
        deliverRows(rows);
        if (rows.length < 1000) break;
      }
    }
    const now = Date.now();
    if (now - lastBeat >= HEARTBEAT_MS) {
      lastBeat = now;
      tables.heartbeat(all.values(), ns, cursor);
    }
  };

  const assertHandler = (handler: unknown) => {
    if (typeof handler !== 'function') {
      throw new MemoryError('INVALID_INPUT', 'invalid handler: must be a function', {
        details: { field: 'handler' },
      });
    }
  };

  const add = (target: string, isPattern: boolean, handler: unknown, options?: SubscribeOptions) => {
    assertHandler(handler);
    const sub: LocalSubscription = {
      sub: nextSub++,
      target,
      isPattern,
      handler: handler as LocalSubscription['handler'],
      onError: options?.onError,
      since: 0,
      active: true,
    };
    sub.since = ctx.write('subscribe', () => tables.subscribe(ns, sub, joined, cursor));
    if (!joined) {
      joined = true;
      cursor = sub.since;
      lastBeat = Date.now();
      stopWatching = ctx.watcher.add(onTick);
    }
    all.set(sub.sub, sub);
    if (isPattern) patterns.add(sub);
    else {
      const set = byChannel.get(target) ?? new Set();
      byChannel.set(target, set);
      set.add(sub);
    }
    return {
      unsubscribe: async () => remove(sub),
    } satisfies Subscription;
  };

  const forget = (sub: LocalSubscription) => {
    sub.active = false;
    all.delete(sub.sub);
    patterns.delete(sub);
    const set = byChannel.get(sub.target);
    set?.delete(sub);
    if (set?.size === 0) byChannel.delete(sub.target);
  };

  const leave = () => {
    stopWatching?.();
    stopWatching = undefined;
    joined = false;
    cursor = -1;
    tables.leave();
  };

  const remove = (sub: LocalSubscription) => {
    if (!sub.active) return;
    forget(sub);
    ctx.assertOpen();
    ctx.write('unsubscribe', () => (all.size === 0 ? leave() : tables.unsubscribe(sub.sub)));
  };

  return {
    tables,

    async publish(channel, payload) {
      ctx.assertOpen();
      keys.channel(channel);
      const raw = JSON.stringify(parsePayload(payload, 'payload'));
      ctx.assertJsonSize(raw, 'payload');
      const here = deliverHere(channel, raw, Number.POSITIVE_INFINITY);
      const elsewhere = ctx.read('publish', () => tables.listeners(ns, channel));
      if (elsewhere > 0) ctx.write('publish', () => tables.insert(ns, channel, raw));
      return here + elsewhere;
    },

    async subscribe(channel, handler, options) {
      ctx.assertOpen();
      keys.channel(channel);
      return add(channel, false, handler, options);
    },

    async psubscribe(pattern, handler, options) {
      ctx.assertOpen();
      keys.channelPattern(pattern);
      return add(pattern, true, handler, options);
    },

    close() {
      for (const sub of [...all.values()]) forget(sub);
      if (!joined) return;
      try {
        leave();
      } catch {
        // the file is unusable right now: other processes stop counting this peer once its
        // heartbeat is PEER_STALE_MS old, and their sweep deletes its rows
      }
    },
  };
}
