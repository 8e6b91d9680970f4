import { IdSchema, NamespaceSchema } from '@agent-memory/core';
import { z } from 'zod';

/** The environment variable a worker process reads its configuration from (JSON). */
export const WORKER_CONFIG_ENV = 'AGENT_MEMORY_DEMO_WORKER';

/** What the orchestrator tells a worker process; the Redis URL travels in the environment, never argv. */
export const WorkerProcessConfigSchema = z
  .object({
    agentId: IdSchema,
    index: z.number().int().nonnegative(),
    run: z.number().int().positive(),
    seed: z.number().int().nonnegative(),
    redisUrl: z.string().regex(/^rediss?:\/\//),
    namespace: NamespaceSchema,
    patternsRepo: z.string().min(1),
    leaseMs: z.number().int().positive(),
    thinkMs: z.number().int().nonnegative(),
    /** This worker is the one killed mid-task. */
    doomed: z.boolean(),
  })
  .strict();
export type WorkerProcessConfig = z.infer<typeof WorkerProcessConfigSchema>;

const LatencySamplesSchema = z.record(z.string(), z.array(z.number()));

/** Messages a worker process sends to the orchestrator over IPC. */
export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('mid-task'), taskId: IdSchema, token: z.number().int().positive() }),
  z.object({
    type: z.literal('done'),
    completed: z.array(IdSchema),
    latency: LatencySamplesSchema,
    warnings: z.array(z.string()),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;

/** The one message the orchestrator sends: the board is posted, start working. */
export const START_MESSAGE = { type: 'start' } as const;
