import {
  type BusMessage,
  type EventBus,
  MemoryError,
  parsePayload,
  type Subscription,
} from '@agent-memory/core';
import type { BusSubscriber } from './bus-registry.js';
import type { PortContext } from './context.js';

export interface LocalEventBus extends EventBus {
  /** Drops every subscription of this adapter (close()). */
  unsubscribeAll(): void;
}

export function createEventBus(ctx: PortContext): LocalEventBus {
  const { backend, keys } = ctx;
  const namespace = keys.namespace;
  const mine = new Set<BusSubscriber>();

  const assertHandler = (handler: unknown) => {
    if (typeof handler !== 'function') {
      throw new MemoryError('INVALID_INPUT', 'invalid handler: must be a function', {
        details: { field: 'handler' },
      });
    }
  };

  const register = (subscriber: BusSubscriber): Subscription => {
    backend.bus.add(subscriber);
    mine.add(subscriber);
    return {
      async unsubscribe() {
        backend.bus.remove(subscriber);
        mine.delete(subscriber);
      },
    };
  };

  return {
    async publish(channel, payload) {
      ctx.assertOpen();
      const key = keys.channel(channel);
      const raw = JSON.stringify(parsePayload(payload, 'payload'));
      ctx.assertJsonSize(raw, 'payload');
      return backend.bus.publish(namespace, key, channel, raw);
    },

    // options.onError never fires here: payloads are serialised by publish(), so always valid JSON
    async subscribe(channel, handler, _options) {
      ctx.assertOpen();
      const key = keys.channel(channel);
      assertHandler(handler);
      return register({ namespace, key, handler: handler as (m: BusMessage) => void, active: true });
    },

    async psubscribe(pattern, handler, _options) {
      ctx.assertOpen();
      keys.channelPattern(pattern);
      assertHandler(handler);
      return register({ namespace, pattern, handler, active: true });
    },

    unsubscribeAll() {
      for (const subscriber of mine) backend.bus.remove(subscriber);
      mine.clear();
    },
  };
}
