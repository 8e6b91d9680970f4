import { z } from 'zod';

/** `memory.status()` as the API returns it (credentials scrubbed). */
export const StatusViewSchema = z
  .object({
    backend: z
      .string()
      .describe("The short-term backend's registered kind: redis, sqlite, memory or a contributed one."),
    scope: z.enum(['network', 'machine', 'process']).describe('Who shares this memory.'),
    namespace: z.string(),
    degraded: z.boolean(),
    degradedReason: z.string().optional(),
    healthy: z.boolean(),
    error: z.string().optional(),
    store: z
      .object({
        summary: z.string(),
        details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      })
      .optional()
      .describe('Where memory lives, as the backend describes itself (file, size, version, round trip…).'),
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
