import { IdSchema, JsonValueSchema, TimestampSchema } from '@agent-memory/core';
import { z } from 'zod';

/** The record proving a task was completed, once, by the holder of a given fencing token. */
export const CompletionSchema = z.object({
  taskId: IdSchema,
  agentId: IdSchema,
  token: z.number().int().positive(),
  completedAt: TimestampSchema,
  result: JsonValueSchema.optional(),
});
export type Completion = z.infer<typeof CompletionSchema>;
