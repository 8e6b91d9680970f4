import {
  LimitsConfigSchema,
  NamespaceSchema,
  PatternsConfigSchema,
  parseInput,
  RedisConfigSchema,
  TtlConfigSchema,
} from '@agent-memory/core';
import { z } from 'zod';

/** Everything createMemory() needs; every field has a default, so `{}` is a working local setup. */
export const MemoryConfigSchema = z
  .object({
    namespace: NamespaceSchema.default('agent-memory'),
    /** Redis URL (or options). Omitted: the local adapter, no warning. */
    redis: z.union([RedisConfigSchema.shape.url.unwrap(), RedisConfigSchema]).optional(),
    /**
     * The short-term backend by registered kind ('redis', 'memory', or a contributed one). Omitted:
     * Redis when `redis` is set, the embedded default otherwise.
     */
    backend: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a registered backend kind such as "redis" or "memory"')
      .optional(),
    /** Modules imported before the backend is chosen, so contributed adapters can register themselves. */
    adapterModules: z.array(z.string().min(1)).default([]),
    /** Per-kind options handed to a contributed backend's `create()` (`backends: { postgres: {…} }`). */
    backends: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Use the embedded store even if Redis is configured. */
    forceLocal: z.boolean().default(false),
    ttl: TtlConfigSchema.default(TtlConfigSchema.parse({})),
    limits: LimitsConfigSchema.default(LimitsConfigSchema.parse({})),
    /** Long-term patterns in git; `false` turns the layer off. */
    patterns: z.union([PatternsConfigSchema, z.literal(false)]).default(PatternsConfigSchema.parse({})),
    sqlite: z
      .object({
        /** The embedded file; default AGENT_MEMORY_SQLITE, else `<data home>/memory.db`. */
        path: z.string().min(1).optional(),
        /** 'full' also survives power loss (an fsync per commit); 'normal' survives any process crash. */
        synchronous: z.enum(['normal', 'full']).optional(),
      })
      .strict()
      .default({}),
    local: z
      .object({
        /** backend 'memory': keep its state in this JSON file between runs (imported once into the embedded file otherwise). */
        snapshotPath: z.string().optional(),
      })
      .strict()
      .default({}),
    coordination: z
      .object({
        heartbeatMs: z.number().int().positive().optional(),
        conflictThreshold: z.number().min(0).max(1).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type MemoryConfig = z.infer<typeof MemoryConfigSchema>;
export type MemoryConfigInput = z.input<typeof MemoryConfigSchema>;

export function parseMemoryConfig(input: unknown): MemoryConfig {
  return parseInput(MemoryConfigSchema, input ?? {}, 'agent-memory config');
}

/** Normalises the `redis` field to the options object. */
export function redisOptions(config: MemoryConfig): z.infer<typeof RedisConfigSchema> | undefined {
  if (config.redis === undefined) return undefined;
  if (typeof config.redis === 'string') return RedisConfigSchema.parse({ url: config.redis });
  return config.redis;
}
