import { type BusMessage, globMatch } from '@agent-memory/core';

export interface BusSubscriber {
  readonly namespace: string;
  /** Channel subscriptions: the namespaced channel name. */
  readonly key?: string;
  /** Pattern subscriptions: the pattern without the namespace prefix. */
  readonly pattern?: string;
  readonly handler: (message: BusMessage) => void;
  active: boolean;
}

/**
 * Who listens to what, shared by every adapter of a backend. Delivery is asynchronous (one
 * microtask per receiver) and each receiver parses its own copy of the JSON text, like messages
 * coming off a socket: a handler never runs inside publish() and never shares objects.
 */
export class BusRegistry {
  private readonly channels = new Map<string, Set<BusSubscriber>>();
  private readonly patterns = new Set<BusSubscriber>();

  add(subscriber: BusSubscriber): void {
    if (subscriber.pattern !== undefined) {
      this.patterns.add(subscriber);
      return;
    }
    const key = subscriber.key!;
    let set = this.channels.get(key);
    if (!set) {
      set = new Set();
      this.channels.set(key, set);
    }
    set.add(subscriber);
  }

  remove(subscriber: BusSubscriber): void {
    subscriber.active = false;
    if (subscriber.pattern !== undefined) {
      this.patterns.delete(subscriber);
      return;
    }
    const set = this.channels.get(subscriber.key!);
    if (!set) return;
    set.delete(subscriber);
    if (set.size === 0) this.channels.delete(subscriber.key!);
  }

  /** Queues delivery of `raw` JSON to every receiver; returns how many there are. */
  publish(namespace: string, key: string, channel: string, raw: string): number {
    let receivers = 0;
    for (const sub of this.channels.get(key) ?? []) {
      deliver(sub, raw, channel, undefined);
      receivers++;
    }
    for (const sub of this.patterns) {
      if (sub.namespace === namespace && globMatch(sub.pattern!, channel)) {
        deliver(sub, raw, channel, sub.pattern);
        receivers++;
      }
    }
    return receivers;
  }
}

function deliver(sub: BusSubscriber, raw: string, channel: string, pattern: string | undefined): void {
  queueMicrotask(() => {
    // unsubscribed (or closed) between publish and delivery: gone, as on Redis after UNSUBSCRIBE
    if (!sub.active) return;
    const payload = JSON.parse(raw);
    const message: BusMessage = pattern === undefined ? { channel, payload } : { channel, payload, pattern };
    try {
      sub.handler(message);
    } catch (error) {
      // a throwing handler must not break delivery to the others, nor crash the publisher
      process.emitWarning(
        `agent-memory: a subscriber of "${channel}" threw: ${String(error)}`,
        'AgentMemoryWarning',
      );
    }
  });
}
