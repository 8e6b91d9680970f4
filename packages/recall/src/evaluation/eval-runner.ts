import type { RecallMode } from '../recall-options.js';
import type { Recall } from '../recall-service.js';
import type { EvalFixture } from './eval-fixture.js';
import { type EvaluationReport, type QueryOutcome, summariseByMode } from './eval-metrics.js';

export const EVAL_MODES: readonly RecallMode[] = ['text', 'vector', 'hybrid'];

/**
 * Runs every query of the fixture in each mode and scores the rankings. `keyOf` turns a fixture
 * reference (`pattern:<id>`, `message:<fixture id>`) into the hit key recall returns.
 */
export async function evaluate(
  recall: Recall,
  fixture: EvalFixture,
  keyOf: (reference: string) => string,
  k = 10,
): Promise<{ report: EvaluationReport; outcomes: Record<RecallMode, QueryOutcome[]> }> {
  const outcomes = { text: [], vector: [], hybrid: [] } as Record<RecallMode, QueryOutcome[]>;
  for (const mode of EVAL_MODES) {
    for (const q of fixture.queries) {
      const hits = await recall.recall(q.query, {
        scope: q.scope,
        k,
        mode,
        ...(q.userId ? { userId: q.userId } : {}),
      });
      outcomes[mode].push({
        queryId: q.id,
        type: q.type,
        ranked: hits.map((h) => h.key),
        relevant: q.relevant.map(keyOf),
      });
    }
  }
  return { report: summariseByMode(outcomes), outcomes };
}
