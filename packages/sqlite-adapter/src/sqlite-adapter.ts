import { statSync } from 'node:fs';
import {
  createKeyspace,
  type KeyKind,
  MemoryError,
  parseInput,
  type ShortTermAdapter,
  type ShortTermConfig,
  ShortTermConfigSchema,
  systemClock,
  type VectorIndex,
} from '@agent-memory/core';
import { ChangeWatcher } from './change-watcher.js';
import { createContext, newId } from './context.js';
import { createConversationWindow } from './conversation-window.js';
import { openDatabaseFile } from './database-file.js';
import { createEventBus } from './event-bus.js';
import { createEventLog } from './event-log.js';
import { createFindingLog } from './finding-log.js';
import { createKeyCensus } from './key-census.js';
import { createLeaseStore } from './lease-store.js';
import { ReadSnapshot } from './read-snapshot.js';
import { createRecordStore } from './record-store.js';
import { schemaVersion } from './schema.js';
import { createSessionStore, type SqliteSessionStore } from './session-store.js';
import { type SqliteAdapterOptions, SqliteAdapterOptionsSchema } from './sqlite-adapter-options.js';
import { createSweep } from './sweep.js';
import { createVectorIndex } from './vector-index.js';

/** What `agent-memory status` shows about the file. */
export interface SqliteFileStatus {
  /** Absolute path of the database file. */
  path: string;
  /** Bytes of the file and of its write-ahead log (`<path>-wal`, 0 when absent). */
  sizeBytes: number;
  walBytes: number;
  /** 'wal' normally; another value means the file system refused WAL (a network share). */
  journalMode: string;
  synchronous: 'normal' | 'full';
  schemaVersion: number;
}

export interface SqliteAdapter extends ShortTermAdapter {
  readonly kind: 'sqlite';
  readonly scope: 'machine';
  readonly config: ShortTermConfig;
  /** Absolute path of the database file. */
  readonly path: string;
  readonly sessions: SqliteSessionStore;
  /** Embeddings for recall by meaning: stored in the file, searched in-process. */
  readonly vectors: VectorIndex;
  /** Deletes every expired row of the file now (the timer does it every sweepIntervalMs); returns how many. */
  sweep(): number;
  /** The file, its size and WAL state. */
  fileStatus(): SqliteFileStatus;
}

/**
 * Every short-term port on one SQLite file that many processes share (decision 0010). Opens the
 * file synchronously: a file that cannot serve (not a database, read-only, a newer schema, locked
 * past the busy timeout, a full disk) fails here with a MemoryError naming the file and the fix.
 */
export function createSqliteAdapter(options: SqliteAdapterOptions): SqliteAdapter {
  const {
    path: file,
    busyTimeoutMs,
    synchronous,
    maxSizeBytes,
    sweepIntervalMs,
    eventPollMs,
    clock,
    ...rest
  } = parseInput(SqliteAdapterOptionsSchema, options, 'sqlite adapter options');
  const config = parseInput(ShortTermConfigSchema, rest, 'sqlite adapter config');
  const db = openDatabaseFile(file, { busyTimeoutMs, synchronous, maxSizeBytes });
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const snapshot = new ReadSnapshot(db);
  // a check for other processes' commits never runs on an old snapshot: it would see none
  const watcher = new ChangeWatcher(() => {
    snapshot.end();
    return dataVersion.get() ?? 0;
  }, eventPollMs);
  const { context: ctx, close: closePorts } = createContext({
    db,
    file: db.name,
    keys: createKeyspace(config.namespace),
    config,
    clock: clock ?? systemClock,
    busyTimeoutMs,
    watcher,
    snapshot,
  });
  const events = createEventBus(ctx, newId());
  const log = createEventLog(ctx);
  const census = createKeyCensus(db, ctx.ns);
  const sweepRows = createSweep(db);
  const sweep = () => ctx.write('sweep', () => sweepRows(ctx.clock.now()) + events.tables.prune());

  const timer =
    sweepIntervalMs > 0
      ? setInterval(() => {
          try {
            sweep();
          } catch (error) {
            process.emitWarning(`agent-memory sqlite: sweep failed: ${String(error)}`, 'AgentMemoryWarning');
          }
        }, sweepIntervalMs)
      : undefined;
  // the sweep only reclaims space (expired rows are invisible already): it never keeps a process alive
  timer?.unref();
  let closed = false;

  return {
    kind: 'sqlite',
    scope: 'machine',
    namespace: config.namespace,
    config,
    path: db.name,
    sessions: createSessionStore(ctx),
    conversation: createConversationWindow(ctx),
    leases: createLeaseStore(ctx),
    findings: createFindingLog(ctx),
    events,
    log,
    records: createRecordStore(ctx),
    vectors: createVectorIndex(ctx),
    sweep() {
      ctx.assertOpen();
      return sweep();
    },
    async countKeys(): Promise<Record<KeyKind, number>> {
      ctx.assertOpen();
      return ctx.read('count keys', () => census(ctx.clock.now()));
    },
    async describe() {
      ctx.assertOpen();
      const file = ctx.read('file status', () => ({
        sizeBytes: sizeOf(db.name),
        walBytes: sizeOf(`${db.name}-wal`),
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        schemaVersion: schemaVersion(db),
      }));
      return {
        summary: `SQLite file ${db.name}, shared by every process on this machine`,
        details: {
          file: db.name,
          sizeBytes: file.sizeBytes,
          walBytes: file.walBytes,
          wal: file.journalMode === 'wal',
          synchronous,
          schemaVersion: file.schemaVersion,
        },
      };
    },
    fileStatus() {
      ctx.assertOpen();
      return ctx.read('file status', () => ({
        path: db.name,
        sizeBytes: sizeOf(db.name),
        walBytes: sizeOf(`${db.name}-wal`),
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous,
        schemaVersion: schemaVersion(db),
      }));
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      watcher.stop();
      events.close();
      closePorts();
      log.close();
      try {
        snapshot.end();
        db.close();
      } catch (error) {
        throw new MemoryError('INTERNAL', `closing ${db.name} failed: ${String(error)}`, { cause: error });
      }
    },
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
