import type { RecallMode } from '../recall-options.js';

export interface QueryOutcome {
  queryId: string;
  type: string;
  /** Keys of the hits, best first. */
  ranked: string[];
  relevant: string[];
}

export interface ModeMetrics {
  queries: number;
  /** Mean share of a query's relevant items found in its top 5. */
  recallAt5: number;
  /** Mean of 1 / rank of the first relevant hit (0 when none is returned). */
  mrr: number;
  /** Share of queries with a relevant item ranked first. */
  hitAt1: number;
}

export function recallAtK(outcome: QueryOutcome, k: number): number {
  const top = new Set(outcome.ranked.slice(0, k));
  return outcome.relevant.filter((key) => top.has(key)).length / outcome.relevant.length;
}

export function reciprocalRank(outcome: QueryOutcome): number {
  const relevant = new Set(outcome.relevant);
  const index = outcome.ranked.findIndex((key) => relevant.has(key));
  return index < 0 ? 0 : 1 / (index + 1);
}

export function summarise(outcomes: readonly QueryOutcome[]): ModeMetrics {
  const n = outcomes.length;
  const mean = (f: (o: QueryOutcome) => number) => (n === 0 ? 0 : outcomes.reduce((s, o) => s + f(o), 0) / n);
  return {
    queries: n,
    recallAt5: mean((o) => recallAtK(o, 5)),
    mrr: mean(reciprocalRank),
    hitAt1: mean((o) => (reciprocalRank(o) === 1 ? 1 : 0)),
  };
}

export type EvaluationReport = Record<
  RecallMode,
  { overall: ModeMetrics; byType: Record<string, ModeMetrics> }
>;

export function summariseByMode(outcomes: Record<RecallMode, QueryOutcome[]>): EvaluationReport {
  const report = {} as EvaluationReport;
  for (const [mode, list] of Object.entries(outcomes) as [RecallMode, QueryOutcome[]][]) {
    const types = [...new Set(list.map((o) => o.type))].sort();
    report[mode] = {
      overall: summarise(list),
      byType: Object.fromEntries(types.map((t) => [t, summarise(list.filter((o) => o.type === t))])),
    };
  }
  return report;
}
