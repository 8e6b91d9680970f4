import {
  type BusMessage,
  type EventBus,
  type JsonValue,
  MemoryError,
  parsePayload,
  type SubscribeOptions,
  type Subscription,
} from '@agent-memory/core';
import type { Cluster, Redis } from 'ioredis';
import { duplicateConnection } from './redis-connection.js';
import type { RedisContext } from './redis-context.js';
import { assertJsonWithinLimit } from './size-limit.js';

interface Listener {
  handler: (message: BusMessage) => void;
  onError: SubscribeOptions['onError'];
}

type Kind = 'channel' | 'pattern';

export interface RedisEventBus extends EventBus {
  /** Drops every subscription and closes the subscriber connection. */
  close(): void;
  /** The shared subscriber connection, once the first subscription made it (tests kill it). */
  readonly subscriber: Redis | Cluster | undefined;
}

/**
 * PUBLISH / SUBSCRIBE / PSUBSCRIBE on namespaced channels with JSON payloads. All subscriptions
 * share ONE subscriber connection, made on first use; ioredis re-subscribes it after a reconnect
 * (autoResubscribe), so a dropped connection only loses what was published while it was down.
 */
export function createEventBus(ctx: RedisContext): RedisEventBus {
  const { keys } = ctx;
  const listeners: Record<Kind, Map<string, Set<Listener>>> = { channel: new Map(), pattern: new Map() };
  let subscriber: Redis | Cluster | undefined;
  // SUBSCRIBE/UNSUBSCRIBE of one channel must not interleave (a subscribe racing the last
  // unsubscribe would leave a listener without a subscription), so they run one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step);
    queue = next.catch(() => {});
    return next;
  };

  const connection = (): Redis | Cluster => {
    if (subscriber === undefined) {
      const conn = duplicateConnection(ctx.client, { connectionName: `${keys.namespace}:subscriber` });
      conn.on('message', (channel: string, raw: string) =>
        dispatch(listeners.channel.get(channel), channel, raw),
      );
      conn.on('pmessage', (pattern: string, channel: string, raw: string) =>
        dispatch(listeners.pattern.get(pattern), channel, raw, keys.localChannel(pattern)),
      );
      subscriber = conn;
    }
    return subscriber;
  };

  const dispatch = (targets: Set<Listener> | undefined, channel: string, raw: string, pattern?: string) => {
    if (targets === undefined || targets.size === 0) return;
    const local = keys.localChannel(channel);
    let payload: JsonValue;
    try {
      payload = JSON.parse(raw) as JsonValue;
    } catch (cause) {
      const error = new MemoryError('CORRUPT_DATA', `message on ${local} is not valid JSON`, {
        cause,
        details: { channel: local },
      });
      for (const listener of [...targets]) safely(() => listener.onError?.(error, raw, local));
      return;
    }
    const message: BusMessage =
      pattern === undefined ? { channel: local, payload } : { channel: local, payload, pattern };
    // A handler may unsubscribe itself (or others) while it runs: deliver to those present now.
    if (targets.size === 1) {
      for (const listener of targets) deliver(listener, message, raw, local);
      return;
    }
    for (const listener of [...targets]) deliver(listener, message, raw, local);
  };

  const deliver = (listener: Listener, message: BusMessage, raw: string, local: string) => {
    try {
      listener.handler(message);
    } catch (cause) {
      // A throwing handler must not break delivery to the others or the connection's parser.
      const error = new MemoryError('INTERNAL', `subscriber handler for ${local} threw`, { cause });
      safely(() => listener.onError?.(error, raw, local));
    }
  };

  const listen = async (
    kind: Kind,
    name: string,
    handler: (message: BusMessage) => void,
    options: SubscribeOptions = {},
  ): Promise<Subscription> => {
    if (typeof handler !== 'function')
      throw new MemoryError('INVALID_INPUT', 'invalid handler: must be a function');
    if (options.onError !== undefined && typeof options.onError !== 'function') {
      throw new MemoryError('INVALID_INPUT', 'invalid onError: must be a function');
    }
    ctx.assertOpen();
    const listener: Listener = { handler, onError: options.onError };
    const registry = listeners[kind];
    await serially(async () => {
      const current = registry.get(name);
      if (current === undefined || current.size === 0) {
        const conn = connection();
        await ctx.command(kind === 'channel' ? 'SUBSCRIBE' : 'PSUBSCRIBE', name, () =>
          kind === 'channel' ? conn.subscribe(name) : conn.psubscribe(name),
        );
      }
      const set = registry.get(name) ?? new Set<Listener>();
      set.add(listener);
      registry.set(name, set);
    });
    let active = true;
    return {
      unsubscribe: async () => {
        if (!active) return;
        active = false;
        await serially(async () => {
          const set = registry.get(name);
          if (set === undefined || !set.delete(listener) || set.size > 0) return;
          registry.delete(name);
          if (ctx.isClosed || subscriber === undefined) return;
          const conn = subscriber;
          // Delivery to this handler has already stopped; a failed UNSUBSCRIBE only means the
          // connection keeps receiving (and dropping) messages nobody listens to.
          await (kind === 'channel' ? conn.unsubscribe(name) : conn.punsubscribe(name)).catch(() => {});
        });
      },
    };
  };

  return {
    async publish(channel, payload) {
      const key = keys.channel(channel);
      const json = JSON.stringify(parsePayload(payload, 'payload'));
      assertJsonWithinLimit(json, ctx.config.limits.maxValueBytes, 'payload');
      return ctx.command('PUBLISH', key, () => ctx.client.publish(key, json));
    },
    async subscribe(channel, handler, options) {
      return listen('channel', keys.channel(channel), handler, options);
    },
    async psubscribe(pattern, handler, options) {
      return listen('pattern', keys.channelPattern(pattern), handler, options);
    },
    close() {
      listeners.channel.clear();
      listeners.pattern.clear();
      subscriber?.disconnect();
    },
    get subscriber() {
      return subscriber;
    },
  };
}

function safely(step: () => void): void {
  try {
    step();
  } catch {
    // An onError callback that throws has nowhere left to report to.
  }
}
