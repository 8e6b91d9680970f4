import { z } from 'zod';

/** `memory.status()` as the API returns it (credentials scrubbed). */
export const StatusViewSchema = z
  .object({
    backend: z.enum(['redis', 'local']),
    namespace: z.string(),
    degraded: z.boolean(),
    degradedReason: z.string().optional(),
    healthy: z.boolean(),
    error: z.string().optional(),
    redis: z
      .object({
        version: z.string(),
        mode: z.string(),
        roundTripMs: z.number(),
        usedMemoryBytes: z.number(),
      })
      .optional(),
    keys: z.record(z.string(), z.number()),
    sessions: z.number().int(),
    activeClaims: z.number().int(),
    agents: z.array(z.object({ id: z.string(), role: z.string(), holds: z.array(z.string()) })),
    patterns: z.union([
      z.object({
        enabled: z.literal(true),
        count: z.number().int(),
        dir: z.string(),
        lastCommit: z
          .object({ commit: z.string(), date: z.string(), message: z.string(), author: z.string() })
          .nullable(),
      }),
      z.object({ enabled: z.literal(false), reason: z.string().optional() }),
    ]),
  })
  .meta({ id: 'Status' });
