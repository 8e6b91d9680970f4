import { type AgentEvent, MemoryError, type Subscription, toMemoryError } from '@agent-memory/core';
import type { BusErrorHandler, ReceivedFrom } from './agent-event-bus.js';

export interface AgentEventStreamOptions {
  /** Ends the iteration (the pending `next()` resolves `done`). */
  signal?: AbortSignal;
  /**
   * Events buffered for a slow consumer before the oldest are dropped (and reported); default 10 000.
   * Pub/sub has no back-pressure, so an unbounded buffer would only move the problem into memory.
   */
  highWaterMark?: number;
}

type Subscribe = (
  push: (event: AgentEvent, from: ReceivedFrom) => void,
  onError: BusErrorHandler,
) => Promise<Subscription>;

/** An async iterator over live agent events, backed by one bus subscription. */
export class AgentEventStream implements AsyncIterableIterator<AgentEvent> {
  /** Resolves once the subscription is live; rejects (also through `next()`) when it failed. */
  readonly ready: Promise<void>;
  #dropped = 0;
  readonly #queue: AgentEvent[] = [];
  readonly #highWaterMark: number;
  readonly #onError: BusErrorHandler;
  #waiting: ((result: IteratorResult<AgentEvent>) => void) | undefined;
  #failWaiting: ((error: unknown) => void) | undefined;
  #done = false;
  #failure: MemoryError | undefined;
  #subscription: Promise<Subscription | undefined>;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => void this.return();

  constructor(subscribe: Subscribe, options: AgentEventStreamOptions & { onError: BusErrorHandler }) {
    this.#highWaterMark = options.highWaterMark ?? 10_000;
    this.#onError = options.onError;
    this.#signal = options.signal;
    if (this.#signal?.aborted) {
      this.#done = true;
      this.#subscription = Promise.resolve(undefined);
      this.ready = Promise.resolve();
      return;
    }
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#subscription = subscribe((event) => this.#push(event), options.onError).then(
      (subscription) => {
        if (this.#done) void subscription.unsubscribe().catch(() => undefined);
        return subscription;
      },
      (error: unknown) => {
        this.#fail(toMemoryError(error, 'BACKEND_UNAVAILABLE', 'subscribing to agent events'));
        return undefined;
      },
    );
    this.ready = this.#subscription.then(() => {
      if (this.#failure) throw this.#failure;
    });
    // The failure also surfaces through next(); an unobserved `ready` must not crash the process.
    this.ready.catch(() => undefined);
  }

  /** Events dropped because the consumer fell more than `highWaterMark` behind. */
  get dropped(): number {
    return this.#dropped;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<AgentEvent> {
    return this;
  }

  next(): Promise<IteratorResult<AgentEvent>> {
    const event = this.#queue.shift();
    if (event !== undefined) return Promise.resolve({ value: event, done: false });
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failWaiting = reject;
    });
  }

  async return(): Promise<IteratorResult<AgentEvent>> {
    if (!this.#done) {
      this.#done = true;
      this.#queue.length = 0;
      this.#signal?.removeEventListener('abort', this.#onAbort);
      this.#settle({ value: undefined, done: true });
      const subscription = await this.#subscription;
      await subscription?.unsubscribe().catch(() => undefined);
    }
    return { value: undefined, done: true };
  }

  #push(event: AgentEvent): void {
    if (this.#done) return;
    if (this.#waiting) {
      this.#settle({ value: event, done: false });
      return;
    }
    this.#queue.push(event);
    if (this.#queue.length > this.#highWaterMark) {
      this.#queue.shift();
      this.#dropped += 1;
      this.#onError(
        new MemoryError(
          'TOO_LARGE',
          `event stream consumer is ${this.#highWaterMark} events behind; dropped one`,
          {
            details: { dropped: this.#dropped },
          },
        ),
        { channel: 'agent-event-stream' },
      );
    }
  }

  #fail(error: MemoryError): void {
    this.#failure = error;
    this.#done = true;
    const reject = this.#failWaiting;
    this.#waiting = undefined;
    this.#failWaiting = undefined;
    reject?.(error);
  }

  #settle(result: IteratorResult<AgentEvent>): void {
    const resolve = this.#waiting;
    this.#waiting = undefined;
    this.#failWaiting = undefined;
    resolve?.(result);
  }
}
