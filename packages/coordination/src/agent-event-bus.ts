import {
  type AgentEvent,
  type AgentEventInput,
  AgentEventSchema,
  assertChannelPattern,
  assertId,
  type BusMessage,
  DEFAULT_EVENTS_CHANNEL,
  type EventBus,
  type JsonValue,
  MemoryError,
  parseInput,
  type Subscription,
  toMemoryError,
} from '@agent-memory/core';
import { z } from 'zod';
import { AgentEventStream, type AgentEventStreamOptions } from './agent-event-stream.js';
import { eventTypeFilter } from './event-type-filter.js';

/** Where a received event came from. */
export interface ReceivedFrom {
  channel: string;
  /** Set for pattern subscriptions. */
  pattern?: string;
}

/**
 * Reports what could not be delivered: a malformed message from another process (CORRUPT_DATA,
 * with `raw` set) or a handler that threw (INTERNAL). Never thrown into the subscriber.
 */
export type BusErrorHandler = (error: MemoryError, context: { channel: string; raw?: unknown }) => void;

export interface AgentEventSubscribeOptions {
  /** Event type globs, e.g. `['task_*', 'conflict_detected']`; all types when omitted. */
  types?: string[];
  /** Channel to listen on (default: the bus channel, `agent:events`). */
  channel?: string;
  /** Channel glob (`agent:*`) instead of one channel. */
  pattern?: string;
  onError?: BusErrorHandler;
}

const SubscribeOptionsSchema = z
  .object({
    types: z
      .array(z.string().regex(/^[a-z_*]{1,64}$/, 'must be an event type or a glob like task_*'))
      .optional(),
    channel: z.string().optional(),
    pattern: z.string().optional(),
    onError: z.custom<BusErrorHandler>((v) => typeof v === 'function', 'must be a function').optional(),
  })
  .strict()
  .refine((o) => o.channel === undefined || o.pattern === undefined, 'give either channel or pattern');

export interface AgentEventBusOptions {
  channel?: string;
  /** Default error handler for subscriptions that bring none (default: console.warn). */
  onError?: BusErrorHandler;
}

/**
 * The `agent:events` wire format, typed: every event is checked against core's AgentEventSchema
 * when published and again when received, because other processes (and other languages) publish
 * on the same channel.
 */
export class AgentEventBus {
  readonly channel: string;
  readonly #bus: EventBus;
  readonly #onError: BusErrorHandler;

  constructor(bus: EventBus, options: AgentEventBusOptions = {}) {
    this.#bus = bus;
    this.channel = assertId(options.channel ?? DEFAULT_EVENTS_CHANNEL, 'channel');
    this.#onError = options.onError ?? warn;
  }

  /** Validates and publishes an event; returns it as sent (defaults applied). */
  async publish(event: AgentEventInput, channel: string = this.channel): Promise<AgentEvent> {
    const parsed = parseInput(AgentEventSchema, event, 'agent event');
    const target = assertId(channel, 'channel');
    try {
      await this.#bus.publish(target, toJson(parsed));
    } catch (error) {
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', `publishing ${parsed.event}`);
    }
    return parsed;
  }

  /** Resolves once the subscription is live: an event published after that is delivered. */
  async subscribe(
    handler: (event: AgentEvent, from: ReceivedFrom) => void,
    options: AgentEventSubscribeOptions = {},
  ): Promise<Subscription> {
    const opts = parseInput(
      SubscribeOptionsSchema,
      options,
      'subscribe options',
    ) as AgentEventSubscribeOptions;
    const matches = eventTypeFilter(opts.types);
    const onError = opts.onError ?? this.#onError;
    const deliver = (message: BusMessage) => {
      const result = AgentEventSchema.safeParse(message.payload);
      if (!result.success) {
        const error = new MemoryError('CORRUPT_DATA', `malformed agent event on ${message.channel}`, {
          issues: result.error.issues,
        });
        onError(error, { channel: message.channel, raw: message.payload });
        return;
      }
      if (!matches(result.data)) return;
      const from: ReceivedFrom =
        message.pattern === undefined
          ? { channel: message.channel }
          : { channel: message.channel, pattern: message.pattern };
      try {
        handler(result.data, from);
      } catch (error) {
        onError(toMemoryError(error, 'INTERNAL', 'agent event handler threw'), { channel: message.channel });
      }
    };
    const onRawError = (error: Error, raw: string, channel: string) =>
      onError(new MemoryError('CORRUPT_DATA', `unparseable message on ${channel}`, { cause: error }), {
        channel,
        raw,
      });
    try {
      if (opts.pattern !== undefined) {
        return await this.#bus.psubscribe(assertChannelPattern(opts.pattern), deliver, {
          onError: onRawError,
        });
      }
      return await this.#bus.subscribe(assertId(opts.channel ?? this.channel, 'channel'), deliver, {
        onError: onRawError,
      });
    } catch (error) {
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', 'subscribing to agent events');
    }
  }

  /**
   * Events as an async iterator: `for await (const e of bus.events({ signal }))`. It ends when the
   * signal aborts or the loop exits (`return()`); await `stream.ready` before publishing if the
   * first events matter.
   */
  events(options: AgentEventSubscribeOptions & AgentEventStreamOptions = {}): AgentEventStream {
    const { signal, highWaterMark, ...subscribeOptions } = options;
    return new AgentEventStream((push, onError) => this.subscribe(push, { onError, ...subscribeOptions }), {
      ...(signal === undefined ? {} : { signal }),
      ...(highWaterMark === undefined ? {} : { highWaterMark }),
      onError: subscribeOptions.onError ?? this.#onError,
    });
  }
}

function toJson(event: AgentEvent): JsonValue {
  // Drops undefined-valued optional keys so every backend stores the same bytes.
  return JSON.parse(JSON.stringify(event)) as JsonValue;
}

function warn(error: MemoryError, context: { channel: string }): void {
  console.warn(`[agent-memory/coordination] ${context.channel}: ${error.message}`);
}
