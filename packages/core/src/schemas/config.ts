import { z } from 'zod';
import { NamespaceSchema } from '../ids.js';
import { DEFAULT_NAMESPACE } from '../keys.js';
import { DurationMsSchema } from './json.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** How long each kind of short-term key lives. Nothing in the short-term layer lives forever. */
export const TtlConfigSchema = z
  .object({
    sessionMs: DurationMsSchema.default(HOUR),
    windowMs: DurationMsSchema.default(7 * DAY),
    findingsMs: DurationMsSchema.default(7 * DAY),
    /** Fencing counters outlive leases so tokens keep increasing across claims of one task. */
    fenceMs: DurationMsSchema.default(30 * DAY),
    eventLogMs: DurationMsSchema.default(30 * DAY),
    leaseMs: DurationMsSchema.default(5 * 60_000),
  })
  .strict();
export type TtlConfig = z.infer<typeof TtlConfigSchema>;

/** Size limits enforced before anything is written. */
export const LimitsConfigSchema = z
  .object({
    /** Largest stored JSON value (session context, message, finding, log entry), in bytes. */
    maxValueBytes: z
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    /** Messages kept per conversation window. */
    windowLength: z.number().int().positive().max(100_000).default(100),
    /** Approximate MAXLEN of each event log stream. */
    eventLogMaxLength: z.number().int().positive().default(100_000),
    /** Findings kept per task. */
    findingsPerTask: z.number().int().positive().max(100_000).default(10_000),
  })
  .strict();
export type LimitsConfig = z.infer<typeof LimitsConfigSchema>;

/** What every short-term adapter is configured with. */
export const ShortTermConfigSchema = z
  .object({
    namespace: NamespaceSchema.default(DEFAULT_NAMESPACE),
    ttl: TtlConfigSchema.default(TtlConfigSchema.parse({})),
    limits: LimitsConfigSchema.default(LimitsConfigSchema.parse({})),
  })
  .strict();
export type ShortTermConfig = z.infer<typeof ShortTermConfigSchema>;
export type ShortTermConfigInput = z.input<typeof ShortTermConfigSchema>;

export const RedisConfigSchema = z
  .object({
    /** redis:// or rediss:// URL, with ACL user and password if any. */
    url: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    sentinels: z.array(z.object({ host: z.string(), port: z.number().int().positive() })).optional(),
    /** Sentinel master name. */
    name: z.string().optional(),
    cluster: z.array(z.object({ host: z.string(), port: z.number().int().positive() })).optional(),
    /** Per-command timeout: calls fail with BACKEND_UNAVAILABLE rather than hang. */
    commandTimeoutMs: z.number().int().positive().default(2000),
    /** How long createMemory waits for the first PING before falling back to local. */
    connectTimeoutMs: z.number().int().positive().default(1000),
  })
  .strict();
export type RedisConfig = z.infer<typeof RedisConfigSchema>;

export const PatternsConfigSchema = z
  .object({
    /** The git repository holding the patterns (the project repo by default). */
    repo: z.string().default('.'),
    /** Directory inside the repo. */
    dir: z.string().default('.agent-memory/patterns'),
    remote: z.string().optional(),
    branch: z.string().optional(),
    /** What to do when a secret is found in a pattern: redact it, or refuse the save. */
    secrets: z.enum(['redact', 'refuse']).default('redact'),
    /** Create the repository (git init) when `repo` is not inside one. */
    init: z.boolean().default(false),
  })
  .strict();
export type PatternsConfig = z.infer<typeof PatternsConfigSchema>;
