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
    /** Use the local adapter even if Redis is configured. */
    forceLocal: z.boolean().default(false),
    ttl: TtlConfigSchema.default(TtlConfigSchema.parse({})),
    limits: LimitsConfigSchema.default(LimitsConfigSchema.parse({})),
    /** Long-term patterns in git; `false` turns the layer off. */
    patterns: z.union([PatternsConfigSchema, z.literal(false)]).default(PatternsConfigSchema.parse({})),
    local: z
      .object({
        /** Keep the local adapter's state in this JSON file between runs. */
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
