import { type Clock, LimitsConfigSchema, NamespaceSchema, TtlConfigSchema } from '@agent-memory/core';
import { z } from 'zod';

/** How long a write waits for another connection's write to finish before failing (ms). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** How often expired rows are deleted (they are invisible from the moment they expire). */
export const DEFAULT_SWEEP_INTERVAL_MS = 30_000;
/** How often a subscribed adapter checks the file for messages from other processes. */
export const DEFAULT_EVENT_POLL_MS = 2;

export const SqliteAdapterOptionsSchema = z
  .object({
    /** The database file; its directory is created when missing. Shared by every process opening it. */
    path: z.string().min(1, 'must name a file'),
    namespace: NamespaceSchema.optional(),
    ttl: TtlConfigSchema.optional(),
    limits: LimitsConfigSchema.optional(),
    /** Waiting for another process's write transaction, at most this long (then BACKEND_UNAVAILABLE). */
    busyTimeoutMs: z.number().int().nonnegative().max(600_000).default(DEFAULT_BUSY_TIMEOUT_MS),
    /**
     * 'normal' (default): a committed write survives the process being killed at any moment; an
     * operating-system crash or power loss may undo the last commits (never corrupts the file).
     * 'full': every commit is fsynced too, so it also survives power loss; each write costs an fsync.
     */
    synchronous: z.enum(['normal', 'full']).default('normal'),
    /**
     * The largest the database may grow, in bytes (rounded down to whole pages); a write past it
     * fails like a full disk (BACKEND_UNAVAILABLE, reason 'disk-full') and stores nothing.
     */
    maxSizeBytes: z.number().int().positive().optional(),
    /** Expired rows are deleted this often (0: never; they stay invisible either way). */
    sweepIntervalMs: z.number().int().nonnegative().default(DEFAULT_SWEEP_INTERVAL_MS),
    /** While subscribed, the file is checked for other processes' messages this often (ms). */
    eventPollMs: z.number().int().positive().max(1000).default(DEFAULT_EVENT_POLL_MS),
    /** Time source for expiry (a ManualClock in tests); the system clock by default. */
    clock: z
      .custom<Clock>((v) => typeof (v as Clock | null)?.now === 'function', 'must have a now() method')
      .optional(),
  })
  .strict();

export type SqliteAdapterOptions = z.input<typeof SqliteAdapterOptionsSchema>;
export type ResolvedSqliteOptions = z.output<typeof SqliteAdapterOptionsSchema>;
