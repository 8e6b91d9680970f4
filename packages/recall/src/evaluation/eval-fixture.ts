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

/**
 * A labelled recall evaluation set. Two ship in packages/recall/fixtures: `recall-dev.json`, the
 * development set (weights, thresholds and vocabulary may be chosen on it), and `recall-test.json`,
 * the held-out test set (written before any tuning, never used to change code).
 */
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

/** The development set: tune on it. */
export const DEV_FIXTURE = new URL('../../fixtures/recall-dev.json', import.meta.url);
/** The held-out test set: report it, never tune on it. */
export const TEST_FIXTURE = new URL('../../fixtures/recall-test.json', import.meta.url);

export function loadEvalFixture(path: URL | string = DEV_FIXTURE): EvalFixture {
  return parseInput(EvalFixtureSchema, JSON.parse(readFileSync(path, 'utf8')), 'evaluation fixture');
}

/**
 * One corpus holding the items of every fixture given (their queries dropped): the test set's
 * questions are asked of the development items too, which stand as distractors. Pattern ids, users
 * and message ids must not repeat across fixtures.
 */
export function mergeCorpora(fixtures: readonly EvalFixture[]): EvalFixture {
  const merged: EvalFixture = {
    description: fixtures.map((f) => f.description).join('\n'),
    now: fixtures[0]!.now,
    patterns: [],
    conversations: {},
    queries: [],
  };
  const ids = new Set<string>();
  const unique = (id: string) => {
    if (ids.has(id)) throw new Error(`fixtures overlap: ${id} appears twice`);
    ids.add(id);
  };
  for (const fixture of fixtures) {
    for (const pattern of fixture.patterns) unique(`pattern:${pattern.id}`);
    merged.patterns.push(...fixture.patterns);
    for (const [userId, messages] of Object.entries(fixture.conversations)) {
      unique(`user:${userId}`);
      for (const message of messages) unique(`message:${message.id}`);
      merged.conversations[userId] = messages;
    }
  }
  return merged;
}
