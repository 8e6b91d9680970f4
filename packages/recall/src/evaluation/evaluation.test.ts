import { createLocalAdapter } from '@agent-memory/local-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalCorpus, openEvalCorpus } from '../../test/eval-corpus.js';
import { createLocalEmbedder } from '../local-embedder.js';
import { loadEvalFixture } from './eval-fixture.js';
import { type EvaluationReport, recallAtK, reciprocalRank, summarise } from './eval-metrics.js';
import { evaluate } from './eval-runner.js';

describe('evaluation metrics', () => {
  it('computes recall@k, reciprocal rank and their means', () => {
    const outcome = {
      queryId: 'q',
      type: 'keyword',
      ranked: ['x', 'a', 'y', 'z', 'w', 'b'],
      relevant: ['a', 'b'],
    };
    expect(recallAtK(outcome, 5)).toBe(0.5);
    expect(recallAtK(outcome, 6)).toBe(1);
    expect(reciprocalRank(outcome)).toBe(0.5);
    expect(reciprocalRank({ ...outcome, ranked: ['x'] })).toBe(0);
    expect(summarise([outcome, { ...outcome, ranked: ['a', 'b'] }])).toEqual({
      queries: 2,
      recallAt5: 0.75,
      mrr: 0.75,
      hitAt1: 0.5,
    });
  });
});

// The shipped fixture through the real stores (GitPatternStore + local adapter, local embedder):
// a quality assertion, not a timing one. The numbers are in bench/results/recall.md.
describe('recall quality on the labelled fixture', () => {
  const fixture = loadEvalFixture();
  const adapter = createLocalAdapter({ limits: { windowLength: 1000 }, sweepIntervalMs: 0 });
  let corpus: EvalCorpus;
  let report: EvaluationReport;

  beforeAll(async () => {
    corpus = await openEvalCorpus(fixture, adapter, createLocalEmbedder());
    report = (await evaluate(corpus.recall, fixture, corpus.keyOf)).report;
  }, 120_000);
  afterAll(async () => {
    await corpus?.close();
    await adapter.close();
  });

  it('ships at least 50 labelled queries over at least 200 items, paraphrases included', () => {
    const messages = Object.values(fixture.conversations).reduce((n, m) => n + m.length, 0);
    expect(fixture.queries.length).toBeGreaterThanOrEqual(50);
    expect(fixture.patterns.length + messages).toBeGreaterThanOrEqual(200);
    expect(fixture.queries.filter((q) => q.type === 'paraphrase').length).toBeGreaterThanOrEqual(20);
  });

  it('ranks better with hybrid fusion than with full-text or vectors alone', () => {
    const { text, vector, hybrid } = report;
    expect(hybrid.overall.recallAt5).toBeGreaterThan(text.overall.recallAt5);
    expect(hybrid.overall.recallAt5).toBeGreaterThan(vector.overall.recallAt5);
    expect(hybrid.overall.mrr).toBeGreaterThan(text.overall.mrr);
    expect(hybrid.overall.mrr).toBeGreaterThan(vector.overall.mrr);
  });

  it('finds keyword queries with every method', () => {
    for (const mode of ['text', 'vector', 'hybrid'] as const) {
      expect(report[mode].byType.keyword!.recallAt5, mode).toBeGreaterThanOrEqual(0.9);
    }
  });
});
