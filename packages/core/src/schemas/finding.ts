import { z } from 'zod';
import { IdSchema } from '../ids.js';
import { JsonObjectSchema, TimestampSchema } from './json.js';

/** What an agent learned while working on a task, shared with the other agents. */
export const FindingSchema = z.object({
  id: IdSchema,
  taskId: IdSchema,
  agentId: IdSchema,
  /** What the finding is about (a file, a function, a concern); conflicts compare per subject. */
  subject: z.string().min(1).max(512),
  /** The agent's conclusion, e.g. `bug`, `ok`, `vulnerable`, `needs-refactor`. */
  verdict: z.string().min(1).max(128),
  confidence: z.number().min(0).max(1),
  summary: z.string().max(4096).default(''),
  evidence: z.array(z.string().max(4096)).max(64).default([]),
  createdAt: TimestampSchema,
  data: JsonObjectSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const FindingInputSchema = FindingSchema.omit({ taskId: true })
  .extend({ id: IdSchema.optional(), createdAt: TimestampSchema.optional() })
  .strict();
export type FindingInput = z.input<typeof FindingInputSchema>;
