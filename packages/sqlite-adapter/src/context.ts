import { randomUUID } from 'node:crypto';
import { type Clock, type Keyspace, MemoryError, type ShortTermConfig } from '@agent-memory/core';
import type { Database } from 'better-sqlite3';
import type { ChangeWatcher } from './change-watcher.js';
import { ReadSnapshot } from './read-snapshot.js';
import { toStoreError } from './sqlite-errors.js';

/** What every port of one adapter shares: the connection, the namespace, config, time and state. */
export interface SqliteContext {
  readonly db: Database;
  /** The absolute path of the database file, named in every error. */
  readonly file: string;
  readonly ns: string;
  /** Validates ids and channel names exactly as on Redis (same rules, same messages). */
  readonly keys: Keyspace;
  readonly config: ShortTermConfig;
  readonly clock: Clock;
  readonly busyTimeoutMs: number;
  /** Notices commits of other connections (other processes) to the file. */
  readonly watcher: ChangeWatcher;
  /** Throws CLOSED once the adapter is closed; every port method calls it first. */
  assertOpen(): void;
  /**
   * Runs a write (one statement or an IMMEDIATE transaction), turning any failure into a
   * MemoryError naming the file.
   */
  write<T>(operation: string, work: () => T): T;
  /** Runs reads on the burst's shared snapshot (read-snapshot.ts); failures as for write. */
  read<T>(operation: string, work: () => T): T;
  /** `value` as JSON text; TOO_LARGE past limits.maxValueBytes (nothing is written then). */
  json(value: unknown, what: string): string;
  /** The same check for JSON text already serialised. */
  assertJsonSize(json: string, what: string): void;
  /** Called by close(): wakes blocked reads so they can fail with CLOSED. */
  onClose(listener: () => void): () => void;
}

export interface ContextInit {
  db: Database;
  file: string;
  keys: Keyspace;
  config: ShortTermConfig;
  clock: Clock;
  busyTimeoutMs: number;
  watcher: ChangeWatcher;
  snapshot: ReadSnapshot;
}

export function createContext(init: ContextInit): { context: SqliteContext; close(): void } {
  let closed = false;
  const closeListeners = new Set<() => void>();
  const limit = init.config.limits.maxValueBytes;
  const assertJsonSize = (json: string, what: string) => {
    // a UTF-16 unit is at most 3 UTF-8 bytes: most values are far below the limit and skip the count
    if (json.length * 3 <= limit) return;
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > limit) {
      throw new MemoryError('TOO_LARGE', `${what} is ${bytes} bytes, more than the limit of ${limit}`, {
        details: { bytes, limit },
      });
    }
  };
  const { snapshot: _snapshot, ...shared } = init;
  const context: SqliteContext = {
    ...shared,
    ns: init.keys.namespace,
    assertOpen() {
      if (closed) throw new MemoryError('CLOSED', `the sqlite adapter on ${init.file} is closed`);
    },
    write(operation, work) {
      try {
        init.snapshot.end();
        return work();
      } catch (error) {
        throw toStoreError(error, init.file, operation, init.busyTimeoutMs);
      } finally {
        ReadSnapshot.wrote();
      }
    },
    read(operation, work) {
      try {
        init.snapshot.enter();
        return work();
      } catch (error) {
        // a failed read may have ended the transaction; the next read starts a new snapshot
        init.snapshot.end();
        throw toStoreError(error, init.file, operation, init.busyTimeoutMs);
      }
    },
    json(value, what) {
      const text = JSON.stringify(value);
      assertJsonSize(text, what);
      return text;
    },
    assertJsonSize,
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
  const close = () => {
    closed = true;
    for (const listener of closeListeners) listener();
    closeListeners.clear();
  };
  return { context, close };
}

/** Ids the store makes up (sessions, findings, peers) are UUIDs: unique without coordination. */
export const newId = (): string => randomUUID();

let lastMs = Number.NaN;
let lastIso = '';

/** ISO 8601 of an epoch ms; calls within one millisecond (most of a busy burst) reuse the text. */
export const isoTime = (ms: number): string => {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
};
