// `pnpm --filter @agent-memory/recall run eval`: the recall evaluation behind bench/results/recall.md.
// Run by vitest (vitest.eval.config.ts) so workspace packages resolve to their sources, exactly as
// in the tests: no build needed, never a stale dist/.
// 0. The shared-word check of the held-out test set (fails the run if a paraphrase shares a word).
// 1. Quality: the development and the test questions (fixtures/recall-dev.json, recall-test.json),
//    asked of one corpus holding both sets' items, with each signal alone and together, on the
//    local adapter; the default configuration on a real Redis too.
// 2. Cost: loading the word-vector table; hybrid recall over 10 000 conversation messages on both
//    backends and over 10 000 patterns in git, with the default (word vectors on) configuration.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Embedder } from '@agent-memory/core';
import { createLocalAdapter } from '@agent-memory/local-adapter';
import { createRedisAdapter } from '@agent-memory/redis-adapter';
import { useTestRedis } from '@agent-memory/redis-harness';
import { loadWordVectors, SHIPPED_TABLE } from '@agent-memory/word-vectors';
import { it } from 'vitest';
import {
  DEV_FIXTURE,
  type EvalFixture,
  loadEvalFixture,
  mergeCorpora,
  TEST_FIXTURE,
} from '../src/evaluation/eval-fixture.js';
import { summarise } from '../src/evaluation/eval-metrics.js';
import { evaluate } from '../src/evaluation/eval-runner.js';
import { checkSharedWords } from '../src/evaluation/shared-words.js';
import { createLocalEmbedder } from '../src/local-embedder.js';
import type { RecallMode } from '../src/recall-options.js';
import type { RecallDependencies } from '../src/recall-service.js';
import { openEvalCorpus } from '../test/eval-corpus.js';
import { type Backend, conversationLatency, patternLatency } from '../test/eval-cost.js';
import type { Latency } from '../test/latency.js';
import { markdown, type VariantResult } from './eval-report.js';

const ITEMS = Number(process.env.RECALL_EVAL_ITEMS ?? 10_000);
const RUNS = Number(process.env.RECALL_EVAL_RUNS ?? 300);
const resultsDir = new URL('../../../bench/results/', import.meta.url);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Each signal alone and together: what the report's rows are made of. */
interface Variant {
  name: string;
  embedder: () => Embedder;
  extra: Partial<RecallDependencies>;
}
const VARIANTS: Variant[] = [
  {
    name: 'lexical',
    embedder: () => createLocalEmbedder({ wordVectors: null }),
    extra: { queryExpansion: null },
  },
  {
    name: 'sif',
    embedder: () => createLocalEmbedder({ wordVectorWeight: 1 }),
    extra: { queryExpansion: null },
  },
  { name: 'combined', embedder: () => createLocalEmbedder(), extra: { queryExpansion: null } },
  { name: 'default', embedder: () => createLocalEmbedder(), extra: {} },
];

async function quality(
  backend: Backend,
  variant: Variant,
  corpusFixture: EvalFixture,
  splits: Record<'dev' | 'test', EvalFixture>,
): Promise<VariantResult & { latency?: Latency }> {
  log(`quality: ${variant.name}…`);
  const corpus = await openEvalCorpus(corpusFixture, backend, variant.embedder(), variant.extra);
  try {
    const result = {} as VariantResult;
    for (const split of ['dev', 'test'] as const) {
      const fixture = splits[split];
      const noShared = new Set(
        checkSharedWords(fixture)
          .filter((c) => c.shared.length === 0)
          .map((c) => c.queryId),
      );
      const { report, outcomes } = await evaluate(corpus.recall, fixture, corpus.keyOf);
      const subset = (mode: RecallMode) => summarise(outcomes[mode].filter((o) => noShared.has(o.queryId)));
      result[split] = {
        report,
        outcomes,
        noSharedWord: { text: subset('text'), vector: subset('vector'), hybrid: subset('hybrid') },
      };
    }
    return result;
  } finally {
    await corpus.close();
  }
}

/** Reading the shipped table, as a process does on its first recall: time and memory. */
function tableLoad() {
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let first: ReturnType<typeof loadWordVectors> | undefined;
  let rssAfterFirst = rssBefore;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const table = loadWordVectors(SHIPPED_TABLE, `probe-${i}`);
    times.push(performance.now() - started);
    if (!first) {
      first = table;
      rssAfterFirst = process.memoryUsage().rss;
    }
  }
  times.sort((a, b) => a - b);
  return {
    words: first!.size,
    dimensions: first!.dimensions,
    firstMs: Math.round(times[0]! * 10) / 10,
    medianMs: Math.round(times[2]! * 10) / 10,
    maxMs: Math.round(times[4]! * 10) / 10,
    rssDeltaMb: Math.round((rssAfterFirst - rssBefore) / 1e5) / 10,
  };
}

it('evaluates recall quality and cost, and writes bench/results/recall.md', async () => {
  const load = tableLoad();
  const dev = loadEvalFixture(DEV_FIXTURE);
  const test = loadEvalFixture(TEST_FIXTURE);
  const sharing = checkSharedWords(test).filter((c) => c.type === 'paraphrase' && c.shared.length > 0);
  if (sharing.length > 0) throw new Error(`test paraphrases share words: ${JSON.stringify(sharing)}`);
  const corpusFixture = mergeCorpora([dev, test]);
  const splits = { dev, test };
  const windowLength = ITEMS;
  const local = createLocalAdapter({
    namespace: 'recall-eval',
    limits: { windowLength },
    sweepIntervalMs: 0,
  });
  const redis = await useTestRedis();
  const redisAdapter = createRedisAdapter({
    url: redis.url,
    namespace: redis.namespace('recall-eval'),
    limits: { windowLength },
    commandTimeoutMs: 10_000,
  });
  const redisNamespace = redisAdapter.namespace;
  try {
    const variants: Record<string, VariantResult> = {};
    for (const variant of VARIANTS)
      variants[variant.name] = await quality(local, variant, corpusFixture, splits);
    const defaultVariant = VARIANTS.find((v) => v.name === 'default')!;
    const onRedis = await quality(redisAdapter, defaultVariant, corpusFixture, splits);
    const embedder = defaultVariant.embedder();
    const latency = {
      conversationLocal: await conversationLatency('local', local, dev, embedder, ITEMS, RUNS),
      conversationRedis: await conversationLatency('redis', redisAdapter, dev, embedder, ITEMS, RUNS),
      patternsGit: await patternLatency(dev, embedder, ITEMS, RUNS),
    };
    const report = {
      generatedAt: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      },
      embedder: embedder.id,
      table: load,
      fixtures: {
        dev: describe(dev),
        test: describe(test),
        noSharedWord: {
          dev: checkSharedWords(dev).filter((c) => c.shared.length === 0).length,
          test: checkSharedWords(test).filter((c) => c.shared.length === 0).length,
        },
      },
      quality: variants,
      redis: onRedis,
      // every question's ranking, for the default configuration (the other rows are in the table)
      outcomes: { dev: variants.default!.dev.outcomes, test: variants.default!.test.outcomes },
      latency,
    };
    mkdirSync(resultsDir, { recursive: true });
    const withoutOutcomes = (v: VariantResult) => ({
      dev: { ...v.dev, outcomes: undefined },
      test: { ...v.test, outcomes: undefined },
    });
    const json = {
      ...report,
      quality: Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, withoutOutcomes(v)])),
      redis: withoutOutcomes(onRedis),
    };
    writeFileSync(new URL('recall.json', resultsDir), `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(new URL('recall.md', resultsDir), markdown(report));
    log(`wrote ${new URL('recall.md', resultsDir).pathname}`);
    console.log(markdown(report));
  } finally {
    await local.close();
    await redis.cleanup(redisNamespace);
    await redisAdapter.close();
    await redis.stop();
  }
});

function describe(f: EvalFixture) {
  return {
    patterns: f.patterns.length,
    messages: Object.values(f.conversations).reduce((n, m) => n + m.length, 0),
    users: Object.keys(f.conversations).length,
    queries: f.queries.length,
    byType: Object.fromEntries(
      ['keyword', 'paraphrase', 'mixed'].map((t) => [t, f.queries.filter((q) => q.type === t).length]),
    ),
  };
}
