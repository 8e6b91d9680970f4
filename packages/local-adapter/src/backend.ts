import { type Clock, type JsonObject, MemoryError, systemClock } from '@agent-memory/core';
import { BusRegistry } from './bus-registry.js';

// What one key holds. Keys are the wire-protocol keys of core's Keyspace, so namespaces isolate
// exactly as on Redis and several adapters on one backend share state like several Redis clients.

export interface SessionEntry {
  kind: 'session';
  expiresAt: number;
  userId: string;
  project: string;
  startedAt: string;
  context: JsonObject;
  fields: Record<string, string>;
}

/** A list of stored JSON values (conversation windows newest first, findings oldest first). */
export interface ListEntry {
  kind: 'list';
  expiresAt: number;
  items: JsonObject[];
}

export interface LeaseEntry {
  kind: 'lease';
  expiresAt: number;
  owner: string;
  token: number;
}

export interface CounterEntry {
  kind: 'counter';
  expiresAt: number;
  value: number;
}

export interface StreamRow {
  id: string;
  ms: number;
  seq: number;
  data: JsonObject;
}

export interface PendingInfo {
  consumer: string;
  deliveredAt: number;
  deliveries: number;
}

export interface GroupState {
  lastMs: number;
  lastSeq: number;
  /** Delivered, unacknowledged entries by id, in id order. */
  pending: Map<string, PendingInfo>;
}

export interface StreamEntry {
  kind: 'stream';
  expiresAt: number;
  rows: StreamRow[];
  lastMs: number;
  lastSeq: number;
  groups: Map<string, GroupState>;
}

export interface RecordRow {
  value: JsonObject;
  version: number;
  expiresAt: number;
}

/** A RecordStore collection; it lives as long as its longest-lived record. */
export interface CollectionEntry {
  kind: 'collection';
  expiresAt: number;
  records: Map<string, RecordRow>;
}

export type Entry = SessionEntry | ListEntry | LeaseEntry | CounterEntry | StreamEntry | CollectionEntry;
export type EntryKind = Entry['kind'];
type EntryOf<K extends EntryKind> = Extract<Entry, { kind: K }>;

export interface LocalBackendOptions {
  /** Where time comes from (a ManualClock in tests); the system clock by default. */
  clock?: Clock;
}

/**
 * The in-memory "server" of the local adapter: one map of keys with expiry, a pub/sub registry and
 * the wake-ups of blocked stream reads. Every method is synchronous, so each compound step of an
 * adapter is atomic by construction.
 */
export class LocalBackend {
  readonly clock: Clock;
  readonly bus = new BusRegistry();
  private readonly data = new Map<string, Entry>();
  private readonly streamWaiters = new Map<string, Set<() => void>>();

  constructor(options: LocalBackendOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  now(): number {
    return this.clock.now();
  }

  /** The live entry at `key` (expired ones are dropped on the way, like Redis' lazy expiry). */
  live<K extends EntryKind>(key: string, kind: K, now = this.now()): EntryOf<K> | undefined {
    const entry = this.data.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.data.delete(key);
      return undefined;
    }
    if (entry.kind !== kind) {
      // only reachable when two namespaces overlap ("a" and "a:memory"): Redis answers WRONGTYPE
      throw new MemoryError('CORRUPT_DATA', `${key} holds a ${entry.kind}, not a ${kind}`, {
        details: { key },
      });
    }
    return entry as EntryOf<K>;
  }

  set(key: string, entry: Entry): void {
    this.data.set(key, entry);
  }

  delete(key: string): boolean {
    return this.data.delete(key);
  }

  /** Live entries whose key starts with `prefix` (expired ones are skipped, not dropped). */
  *liveEntries(prefix: string, now = this.now()): Generator<[string, Entry]> {
    for (const [key, entry] of this.data) {
      if (key.startsWith(prefix) && entry.expiresAt > now) yield [key, entry];
    }
  }

  /** How many keys are held, expired or not (expired ones go on read or on sweep). */
  get size(): number {
    return this.data.size;
  }

  /** Drops every expired key and expired record; returns how many were dropped. */
  sweep(now = this.now()): number {
    let dropped = 0;
    for (const [key, entry] of this.data) {
      if (entry.expiresAt <= now) {
        this.data.delete(key);
        dropped++;
      } else if (entry.kind === 'collection') {
        dropped += pruneCollection(entry, now);
        if (entry.records.size === 0) this.data.delete(key);
      }
    }
    return dropped;
  }

  /** Live keys starting with `prefix`, for snapshots. */
  *entries(prefix: string, now = this.now()): IterableIterator<[string, Entry]> {
    for (const [key, entry] of this.data) {
      if (key.startsWith(prefix) && entry.expiresAt > now) yield [key, entry];
    }
  }

  /** Registers a one-shot wake-up for the next append to `key`; returns its cancel function. */
  onAppend(key: string, wake: () => void): () => void {
    let set = this.streamWaiters.get(key);
    if (!set) {
      set = new Set();
      this.streamWaiters.set(key, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.streamWaiters.get(key) === set) this.streamWaiters.delete(key);
    };
  }

  notifyAppend(key: string): void {
    const set = this.streamWaiters.get(key);
    if (!set) return;
    this.streamWaiters.delete(key);
    for (const wake of set) wake();
  }
}

/** Removes expired records from a collection; returns how many. */
export function pruneCollection(entry: CollectionEntry, now: number): number {
  let dropped = 0;
  for (const [id, row] of entry.records) {
    if (row.expiresAt <= now) {
      entry.records.delete(id);
      dropped++;
    }
  }
  return dropped;
}

/** A backend that several adapters can share, like several clients of one Redis. */
export function createLocalBackend(options: LocalBackendOptions = {}): LocalBackend {
  return new LocalBackend(options);
}
