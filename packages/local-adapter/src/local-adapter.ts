import {
  type Clock,
  createKeyspace,
  emptyCensus,
  kindOfKey,
  MemoryError,
  parseInput,
  type ShortTermAdapter,
  type ShortTermConfig,
  type ShortTermConfigInput,
  ShortTermConfigSchema,
  type VectorIndex,
} from '@agent-memory/core';
import { createLocalBackend, type LocalBackend } from './backend.js';
import { createPortContext } from './context.js';
import { createConversationWindow } from './conversation-window.js';
import { createEventBus } from './event-bus.js';
import { createEventLog } from './event-log.js';
import { createFindingLog } from './finding-log.js';
import { createLeaseStore } from './lease-store.js';
import { createRecordStore } from './record-store.js';
import { createSessionStore } from './session-store.js';
import { loadSnapshot, saveSnapshot } from './snapshot.js';
import { createVectorIndex } from './vector-index.js';

export const DEFAULT_SWEEP_INTERVAL_MS = 30_000;

export type LocalAdapterOptions = ShortTermConfigInput & {
  /** Time source; defaults to the backend's clock (the system clock for a new backend). */
  clock?: Clock;
  /** How often expired entries are swept (besides lazy expiry on read); 0 turns the sweep off. */
  sweepIntervalMs?: number;
  /** JSON file loaded on create and written on close(), so a local user's session survives a restart. */
  snapshotPath?: string;
  /** Share state with other adapters of this process, like several clients of one Redis. */
  backend?: LocalBackend;
};

export interface LocalAdapter extends ShortTermAdapter {
  readonly kind: 'memory';
  readonly scope: 'process';
  readonly config: ShortTermConfig;
  readonly backend: LocalBackend;
  /** Embeddings for recall by meaning, searched in-process (not part of snapshots: indexers rebuild them). */
  readonly vectors: VectorIndex;
  /** Drops every expired entry of the backend now; returns how many. */
  sweep(): number;
  /** Writes the snapshot now (nothing without snapshotPath). */
  saveSnapshot(): Promise<void>;
}

/** Every short-term port in-process, with the semantics (and TTLs) of the Redis adapter. */
export function createLocalAdapter(options: LocalAdapterOptions = {}): LocalAdapter {
  const {
    clock,
    sweepIntervalMs = DEFAULT_SWEEP_INTERVAL_MS,
    snapshotPath,
    backend: shared,
    ...rest
  } = options;
  const config = parseInput(ShortTermConfigSchema, rest, 'local adapter config');
  if (!Number.isInteger(sweepIntervalMs) || sweepIntervalMs < 0) {
    throw new MemoryError('INVALID_INPUT', 'invalid sweepIntervalMs: must be a whole number >= 0');
  }
  if (shared && clock && shared.clock !== clock) {
    throw new MemoryError(
      'INVALID_INPUT',
      'invalid clock: a shared backend keeps its own clock (pass it to createLocalBackend)',
    );
  }
  const backend = shared ?? createLocalBackend(clock ? { clock } : {});
  const keys = createKeyspace(config.namespace);
  if (snapshotPath) loadSnapshot(snapshotPath, backend, config.namespace);

  const { context, close: closePorts } = createPortContext(backend, keys, config);
  const events = createEventBus(context);

  // the sweep must never keep the process alive: lazy expiry on read is what correctness relies on
  const timer = sweepIntervalMs > 0 ? setInterval(() => backend.sweep(), sweepIntervalMs) : undefined;
  timer?.unref();

  let closing: Promise<void> | undefined;
  const save = () =>
    snapshotPath ? saveSnapshot(snapshotPath, backend, config.namespace) : Promise.resolve();

  return {
    kind: 'memory',
    scope: 'process',
    namespace: config.namespace,
    config,
    backend,
    sessions: createSessionStore(context),
    conversation: createConversationWindow(context),
    leases: createLeaseStore(context),
    findings: createFindingLog(context),
    events,
    log: createEventLog(context),
    records: createRecordStore(context),
    vectors: createVectorIndex(context),
    sweep: () => backend.sweep(),
    countKeys: async () => {
      context.assertOpen();
      // Same census as Redis, where each record is a key of its own beside the collection's index.
      const census = emptyCensus();
      const now = backend.now();
      for (const [key, entry] of backend.liveEntries(`${keys.namespace}:`, now)) {
        census[kindOfKey(keys, key)] += 1;
        if (entry.kind === 'collection') {
          for (const row of entry.records.values()) if (row.expiresAt > now) census.records += 1;
        }
      }
      return census;
    },
    describe: async () => {
      context.assertOpen();
      return {
        summary: snapshotPath
          ? `in-process memory, saved to ${snapshotPath} on close (not shared with other processes)`
          : 'in-process memory (not shared with other processes, gone when the process exits)',
        details: { process: process.pid, snapshot: snapshotPath ?? null },
      };
    },
    saveSnapshot: async () => {
      context.assertOpen();
      await save();
    },
    close() {
      if (!closing) {
        if (timer) clearInterval(timer);
        events.unsubscribeAll();
        closePorts();
        closing = save();
      }
      return closing;
    },
  };
}
