import { z } from 'zod';
import { IdSchema } from '../ids.js';
import { TimestampSchema } from './json.js';

/** Kinds of long-term knowledge; each gets its own folder in the patterns directory. */
export const PatternKindSchema = z.enum([
  'bug-fix',
  'security-decision',
  'tech-debt',
  'architecture-decision',
  'team-decision',
  'convention',
]);
export type PatternKind = z.infer<typeof PatternKindSchema>;

/** Pattern ids are file names too: lowercase letters, digits, `-` and `_` only. */
export const PatternIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_" (it is a file name)');

export const PatternSchema = z.object({
  id: PatternIdSchema,
  kind: PatternKindSchema,
  title: z.string().min(1).max(200),
  summary: z.string().max(2000).default(''),
  /** Markdown. */
  body: z.string().max(200_000).default(''),
  tags: z.array(z.string().min(1).max(64)).max(50).default([]),
  /** Repository paths the pattern is about. */
  files: z.array(z.string().min(1).max(1024)).max(200).default([]),
  confidence: z.number().min(0).max(1).default(0.5),
  author: IdSchema,
  created: TimestampSchema,
  updated: TimestampSchema,
  /** Ids of patterns this one replaces; search hides the replaced ones. */
  supersedes: z.array(PatternIdSchema).default([]),
  links: z.array(z.string().max(2048)).default([]),
});
export type Pattern = z.infer<typeof PatternSchema>;

export const PatternInputSchema = PatternSchema.partial({ id: true, created: true, updated: true }).strict();
export type PatternInput = z.input<typeof PatternInputSchema>;

export const PatternFilterSchema = z
  .object({
    kind: PatternKindSchema.optional(),
    tag: z.string().optional(),
    file: z.string().optional(),
    author: z.string().optional(),
    /** Only patterns updated at or after this time. */
    since: TimestampSchema.optional(),
    includeSuperseded: z.boolean().optional(),
    limit: z.number().int().positive().max(10_000).optional(),
  })
  .strict();
export type PatternFilter = z.input<typeof PatternFilterSchema>;

export const PatternSearchOptionsSchema = PatternFilterSchema.extend({
  limit: z.number().int().positive().max(1000).default(10),
});
export type PatternSearchOptions = z.input<typeof PatternSearchOptionsSchema>;

export interface PatternHit {
  pattern: Pattern;
  score: number;
}

/** One version of a pattern in the history of its file. */
export interface PatternVersion {
  commit: string;
  author: string;
  date: string;
  message: string;
}

/** Who is writing: recorded as commit trailers. */
export interface PatternWriteMeta {
  agentId?: string;
  sessionId?: string;
  message?: string;
}
