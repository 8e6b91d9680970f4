import { DEFAULT_EVENTS_CHANNEL, DurationMsSchema, IdSchema } from '@agent-memory/core';
import { z } from 'zod';

const DAY = 24 * 3600_000;

/** The tunables of a coordinator; every field has a default. */
export const CoordinatorSettingsSchema = z
  .object({
    /**
     * Presence heartbeat (a presence record lives 3 heartbeats). Claims renew every
     * min(heartbeatMs, leaseMs / 3) so a lease survives two missed beats.
     */
    heartbeatMs: DurationMsSchema.default(10_000),
    /** Default claim lease. */
    leaseMs: DurationMsSchema.default(5 * 60_000),
    /** Two findings with the same verdict conflict when their confidences differ by more than this. */
    conflictThreshold: z.number().min(0).max(1).default(0.5),
    /** EventLog stream holding the audit trail. */
    logStream: IdSchema.default('coordination'),
    /** EventBus channel for agent events. */
    channel: IdSchema.default(DEFAULT_EVENTS_CHANNEL),
    /** How long a staged candidate waits for a validator. */
    candidateTtlMs: DurationMsSchema.default(DAY),
    /**
     * A candidate still `promoting` this long after a validator took it (that process died or hung
     * mid-save) may be promoted by another validator. Far longer than a pattern save takes.
     */
    promotionTimeoutMs: DurationMsSchema.default(5 * 60_000),
    /** How long completions and conflicts are kept (renewed on every change). */
    recordTtlMs: DurationMsSchema.default(7 * DAY),
    /** waitFor re-checks at least this often even when no event arrives. */
    waitPollMs: DurationMsSchema.default(1000),
  })
  .strict();
export type CoordinatorSettings = z.infer<typeof CoordinatorSettingsSchema>;
export type CoordinatorSettingsInput = z.input<typeof CoordinatorSettingsSchema>;

/** RecordStore collections owned by coordination. */
export const COLLECTIONS = {
  completions: 'completions',
  agents: 'agents',
  conflicts: 'conflicts',
  candidates: 'candidates',
} as const;
