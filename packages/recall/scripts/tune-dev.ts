// `pnpm --filter @agent-memory/recall run tune`: the grid the local embedder's word-vector weight,
// SIF smoothing and the query expansion defaults were chosen from. DEVELOPMENT SET ONLY: its
// questions over its own items; the held-out test set (fixtures/recall-test.json) is never read here.
import type { Embedder } from '@agent-memory/core';
import { createLocalAdapter } from '@agent-memory/local-adapter';
import { loadWordVectors } from '@agent-memory/word-vectors';
import { it } from 'vitest';
import { DEV_FIXTURE, loadEvalFixture } from '../src/evaluation/eval-fixture.js';
import { summarise } from '../src/evaluation/eval-metrics.js';
import { evaluate } from '../src/evaluation/eval-runner.js';
import { checkSharedWords } from '../src/evaluation/shared-words.js';
import { createLocalEmbedder } from '../src/local-embedder.js';
import type { RecallDependencies } from '../src/recall-service.js';
import { openEvalCorpus } from '../test/eval-corpus.js';

const dev = loadEvalFixture(DEV_FIXTURE);
const wordVectors = loadWordVectors();
const f = (n: number) => n.toFixed(3);
// The development questions that share no content word with their answers: the kind the word
// vectors are for, and the closest the development set comes to the test set's paraphrases.
const noShared = new Set(
  checkSharedWords(dev)
    .filter((c) => c.shared.length === 0)
    .map((c) => c.queryId),
);

async function run(label: string, embedder: Embedder, extra: Partial<RecallDependencies> = {}) {
  const adapter = createLocalAdapter({ limits: { windowLength: 1000 }, sweepIntervalMs: 0 });
  const corpus = await openEvalCorpus(dev, adapter, embedder, { queryExpansion: null, ...extra });
  try {
    const { report, outcomes } = await evaluate(corpus.recall, dev, corpus.keyOf);
    const cell = (m: keyof typeof report) => {
      const subset = summarise(outcomes[m].filter((o) => noShared.has(o.queryId)));
      return `${f(report[m].overall.recallAt5)} / ${f(report[m].overall.mrr)} (no shared word: ${f(subset.recallAt5)} / ${f(subset.mrr)})`;
    };
    console.log(`| ${label} | ${cell('text')} | ${cell('vector')} | ${cell('hybrid')} |`);
  } finally {
    await corpus.close();
    await adapter.close();
  }
}

it('tunes on the development set', async () => {
  console.log(
    `${noShared.size} of ${dev.queries.length} development questions share no content word with their answers`,
  );
  console.log('| config | text R@5 / MRR | vector R@5 / MRR | hybrid R@5 / MRR |');
  await run('lexical only (v1)', createLocalEmbedder({ wordVectors: null }));
  for (const sifSmoothing of [1e-3, 1e-4]) {
    for (const wordVectorWeight of [1, 0.3, 0.5, 0.7]) {
      await run(
        `w=${wordVectorWeight} a=${sifSmoothing}`,
        createLocalEmbedder({ wordVectorWeight, sifSmoothing }),
      );
    }
  }
  for (const wordVectorWeight of [0.5, 0.7]) {
    for (const [perWord, minSimilarity] of [
      [3, 0.6],
      [5, 0.5],
      [8, 0.45],
    ] as const) {
      for (const text of [1, 0.5]) {
        await run(
          `w=${wordVectorWeight} a=1e-4, expansion ${perWord} ≥ ${minSimilarity}, text weight ${text}`,
          createLocalEmbedder({ wordVectorWeight, sifSmoothing: 1e-4 }),
          {
            queryExpansion: { wordVectors, perWord, minSimilarity, patternsPerWord: perWord },
            fusionWeights: { text },
          },
        );
      }
    }
  }
  // The git store's search expands every term by prefix and typos: each expansion word costs there.
  for (const patternsPerWord of [0, 1, 2]) {
    await run(
      `w=0.5 a=1e-4, expansion 5 ≥ 0.5, ${patternsPerWord} per word for patterns`,
      createLocalEmbedder(),
      {
        queryExpansion: { wordVectors, perWord: 5, minSimilarity: 0.5, patternsPerWord },
      },
    );
  }
}, 1_800_000);
