import { readFileSync } from 'node:fs';
import {
  IdSchema,
  MessageRoleSchema,
  PatternIdSchema,
  PatternKindSchema,
  parseInput,
  TimestampSchema,
} from '@agent-memory/core';
import { z } from 'zod';
import { RecallScopeSchema } from '../recall-options.js';

/** A labelled recall evaluation set (packages/recall/fixtures/recall-eval.json has the shipped one). */
export const EvalFixtureSchema = z.object({
  description: z.string(),
  /** Every pattern is dated here and messages lead up to it, so runs are reproducible. */
  now: TimestampSchema,
  patterns: z.array(
    z.object({
      id: PatternIdSchema,
      kind: PatternKindSchema,
      title: z.string(),
      summary: z.string(),
      tags: z.array(z.string()),
    }),
  ),
  conversations: z.record(
    IdSchema,
    z.array(
      z.object({
        id: z.string(),
        role: MessageRoleSchema,
        content: z.string(),
        tags: z.array(z.string()).optional(),
      }),
    ),
  ),
  queries: z.array(
    z.object({
      id: z.string(),
      query: z.string(),
      scope: RecallScopeSchema,
      userId: IdSchema.optional(),
      /** `pattern:<id>` or `message:<fixture message id>`. */
      relevant: z.array(z.string()).min(1),
      /** keyword: shares the target's words; paraphrase: says it in other words; mixed: some of both. */
      type: z.enum(['keyword', 'paraphrase', 'mixed']),
    }),
  ),
});
export type EvalFixture = z.infer<typeof EvalFixtureSchema>;
export type EvalQuery = EvalFixture['queries'][number];

export const SHIPPED_FIXTURE = new URL('../../fixtures/recall-eval.json', import.meta.url);

export function loadEvalFixture(path: URL | string = SHIPPED_FIXTURE): EvalFixture {
  return parseInput(EvalFixtureSchema, JSON.parse(readFileSync(path, 'utf8')), 'evaluation fixture');
}
