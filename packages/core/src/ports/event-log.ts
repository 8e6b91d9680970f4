import type { JsonObject } from '../schemas/json.js';
import type { LogEntry, PendingEntry } from '../schemas/log-entry.js';

export interface RangeOptions {
  /** Only entries with an id strictly greater than this one (replay "from an id"). */
  after?: string;
  /** Only entries with an id at or below this one. */
  to?: string;
  count?: number;
}

export interface ReadGroupOptions {
  count?: number;
  /** Wait up to this long for new entries when none are ready (0 or omitted: don't wait). */
  blockMs?: number;
}

/**
 * Durable, replayable append-only log with consumer groups (the audit trail).
 * To callers, entry ids are opaque tokens ordered by append: pass them back (`after`, `to`, `ack`,
 * a group's start) and never parse them. Start positions mean the same on every backend: `'$'` is
 * "only entries appended from now on", `'0'` is "from the start". Adapters emit ids of the shape
 * `<number>-<number>` that sort with `compareStreamIds` (the built-ins use `<ms>-<seq>`), because
 * the audit trail, SSE resumption and agents in other languages exchange them.
 * Every append resets the log's expiry and trims it to roughly the configured maximum length.
 */
export interface EventLog {
  /** Appends an entry and returns its id. */
  append(stream: string, data: JsonObject): Promise<string>;
  /** Entries in id order (oldest first). */
  range(stream: string, options?: RangeOptions): Promise<LogEntry[]>;
  length(stream: string): Promise<number>;
  /**
   * Creates a consumer group that starts after `startId` ('$' = only new entries, '0' = everything,
   * or an id this log returned).
   * Idempotent: an existing group is left as it is.
   */
  createGroup(stream: string, group: string, startId?: '$' | '0' | string): Promise<void>;
  /** New entries for this consumer (never delivered to the group before); they stay pending until acked. */
  readGroup(stream: string, group: string, consumer: string, options?: ReadGroupOptions): Promise<LogEntry[]>;
  /** Acknowledges entries; returns how many were pending. */
  ack(stream: string, group: string, ids: string[]): Promise<number>;
  /** Delivered but unacknowledged entries of the group. */
  pending(stream: string, group: string): Promise<PendingEntry[]>;
  /**
   * Takes over entries pending for at least `minIdleMs` (their consumer crashed) for `consumer`,
   * returning them; their delivery count goes up.
   */
  claimStale(
    stream: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    count?: number,
  ): Promise<LogEntry[]>;
}
