import type { AgentEvent, AuditEntry, Memory, MemoryError, Subscription } from 'agent-memory';
import { compareStreamIds, toMemoryError } from 'agent-memory';
import { tailCursor } from './audit-tail.js';
import { eventTypeFilter } from './event-type-filter.js';

export interface FeedFilter {
  /** Event type globs (`task_*`); every type when omitted. */
  types?: string[];
  taskId?: string;
  agentId?: string;
}

export interface AuditEventFeedOptions {
  /** Replay the entries after this audit id first (an SSE Last-Event-ID); omitted: start at the tail. */
  after?: string;
  filter?: FeedFilter;
  /**
   * Re-reads the trail this often even when the bus says nothing: pub/sub is fire-and-forget, and
   * an event whose publish failed after its audit append must still reach subscribers.
   */
  pollMs?: number;
  /** Called once with the starting cursor, before any entry. */
  onReady?: (cursor: string) => void;
  /** Every matching entry, in id order, exactly once. */
  onEntry: (entry: AuditEntry) => void;
  onError?: (error: MemoryError) => void;
}

/**
 * Live coordination events with their audit ids, resumable from any id. The audit trail is the
 * source of truth and the bus only says "something new": every coordination step is appended to
 * the trail before it is published, so reading the trail after each notification sees the entry.
 * Subscribing before the first read means nothing appended after that read can go unnoticed, and a
 * single cursor that only moves forward means nothing is delivered twice.
 */
export class AuditEventFeed {
  #cursor = '0-0';
  #ready = false;
  #stopped = false;
  #dirty = false;
  #draining: Promise<void> | undefined;
  #subscription: Subscription | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #matches: (event: AgentEvent) => boolean;

  private constructor(
    private readonly memory: Memory,
    private readonly options: AuditEventFeedOptions,
  ) {
    const typeMatches = eventTypeFilter(options.filter?.types);
    const { taskId, agentId } = options.filter ?? {};
    this.#matches = (event) =>
      typeMatches(event) &&
      (agentId === undefined || event.agent_id === agentId) &&
      (taskId === undefined || taskOf(event) === taskId);
  }

  /** Resolves once the feed is subscribed and positioned; replay (if any) then runs in the background. */
  static async open(memory: Memory, options: AuditEventFeedOptions): Promise<AuditEventFeed> {
    const feed = new AuditEventFeed(memory, options);
    try {
      await feed.#start();
    } catch (error) {
      await feed.stop();
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', 'opening the event feed');
    }
    return feed;
  }

  /** The id of the last entry read (delivered or filtered out). */
  get cursor(): string {
    return this.#cursor;
  }

  /** Resolves when every entry known so far has been delivered (tests and shutdown use it). */
  async settled(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.unsubscribe().catch(() => undefined);
  }

  async #start(): Promise<void> {
    this.#subscription = await this.memory.events.subscribe(() => this.#notify(), {
      onError: () => this.#notify(),
    });
    this.#cursor = this.options.after ?? (await tailCursor(this.memory));
    if (this.#stopped) return;
    this.#ready = true;
    this.options.onReady?.(this.#cursor);
    if (this.options.pollMs !== undefined) {
      this.#timer = setInterval(() => this.#notify(), this.options.pollMs);
      this.#timer.unref?.();
    }
    this.#notify();
  }

  #notify(): void {
    if (this.#stopped) return;
    this.#dirty = true;
    if (!this.#ready || this.#draining) return;
    this.#draining = this.#drain().finally(() => {
      this.#draining = undefined;
    });
  }

  async #drain(): Promise<void> {
    while (this.#dirty && !this.#stopped) {
      this.#dirty = false;
      try {
        await this.#readNew();
      } catch (error) {
        this.options.onError?.(toMemoryError(error, 'BACKEND_UNAVAILABLE', 'reading the audit trail'));
      }
    }
  }

  async #readNew(): Promise<void> {
    const entries = await this.memory.audit({ after: this.#cursor });
    for (const entry of entries) {
      if (this.#stopped) return;
      if (compareStreamIds(entry.id, this.#cursor) <= 0) continue;
      this.#cursor = entry.id;
      if (this.#matches(entry.event)) this.options.onEntry(entry);
    }
  }
}

/** The task an event is about: its task_id, or the one a candidate event carries in meta. */
function taskOf(event: AgentEvent): string | undefined {
  if ('task_id' in event) return event.task_id;
  const fromMeta = event.meta?.task_id;
  return typeof fromMeta === 'string' ? fromMeta : undefined;
}
