import type { JsonValue } from '../schemas/json.js';

export interface BusMessage {
  /** Channel name without the namespace prefix, e.g. `agent:events`. */
  channel: string;
  /** The parsed JSON payload. */
  payload: JsonValue;
  /** Set for pattern subscriptions: the pattern that matched, without the namespace prefix. */
  pattern?: string;
}

export interface SubscribeOptions {
  /**
   * Called when a message on the channel is not valid JSON (another process wrote garbage).
   * The message is dropped and the subscription continues; it never throws into the handler.
   */
  onError?: (error: Error, raw: string, channel: string) => void;
}

export interface Subscription {
  /** Stops delivery to this handler; idempotent. */
  unsubscribe(): Promise<void>;
}

/**
 * Live, fire-and-forget pub/sub (PUBLISH / SUBSCRIBE / PSUBSCRIBE) under the namespace.
 * Messages published while nobody listens are gone: use EventLog for a durable trail.
 */
export interface EventBus {
  /** Publishes a JSON payload; resolves with how many subscribers received it. */
  publish(channel: string, payload: JsonValue): Promise<number>;
  /** Resolves once the subscription is active: a publish after it is delivered. */
  subscribe(
    channel: string,
    handler: (message: BusMessage) => void,
    options?: SubscribeOptions,
  ): Promise<Subscription>;
  /** Glob pattern subscription (`agent:*`), namespaced like channels. */
  psubscribe(
    pattern: string,
    handler: (message: BusMessage) => void,
    options?: SubscribeOptions,
  ): Promise<Subscription>;
}
