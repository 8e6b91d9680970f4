import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConversationWindow, Embedder, VectorIndex } from '@agent-memory/core';
import { createGitPatternStore } from '@agent-memory/git-patterns';
import { createLocalAdapter } from '@agent-memory/local-adapter';
import type { EvalFixture } from '../src/evaluation/eval-fixture.js';
import { createRecall } from '../src/recall-service.js';
import { measureLatency } from './latency.js';
import { seededRandom, syntheticMessages } from './synthetic-corpus.js';

export interface Backend {
  conversation: ConversationWindow;
  vectors: VectorIndex;
  close(): Promise<void>;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Hybrid, full-text and vector recall over `items` synthetic messages of one user, default settings. */
export async function conversationLatency(
  name: string,
  backend: Backend,
  fixture: EvalFixture,
  embedder: Embedder,
  items: number,
  runs: number,
) {
  log(`latency: ${items} messages on ${name}…`);
  const queries = fixture.queries.map((q) => q.query);
  const userId = 'load-test';
  await backend.conversation.clear(userId);
  const messages = syntheticMessages(fixture, items, Date.parse(fixture.now) - items * 1000);
  for (let i = 0; i < messages.length; i += 1000)
    await backend.conversation.appendMany(userId, messages.slice(i, i + 1000));
  const recall = createRecall({
    embedder,
    vectors: backend.vectors,
    conversation: backend.conversation,
    windowLength: items,
  });
  const started = performance.now();
  await recall.indexConversation(userId);
  const indexMs = Math.round(performance.now() - started);
  const run = (mode: 'hybrid' | 'text' | 'vector') => (i: number) =>
    recall.recall(queries[i % queries.length]!, { scope: 'conversation', userId, k: 10, mode });
  return {
    items,
    indexMs,
    hybrid: await measureLatency(run('hybrid'), runs),
    text: await measureLatency(run('text'), runs),
    vector: await measureLatency(run('vector'), runs),
  };
}

/** The same over `items` synthetic patterns committed to git (GitPatternStore's own full-text search). */
export async function patternLatency(fixture: EvalFixture, embedder: Embedder, items: number, runs: number) {
  log(`latency: ${items} patterns in git…`);
  const queries = fixture.queries.map((q) => q.query);
  const dir = mkdtempSync(path.join(tmpdir(), 'recall-eval-patterns-'));
  const random = seededRandom(7);
  const now = new Date(fixture.now);
  const store = await createGitPatternStore({
    repo: dir,
    init: true,
    clock: () => now,
    author: { name: 'eval', email: 'eval@example.invalid' },
    pii: 'allow',
  });
  try {
    const inputs = Array.from({ length: items }, (_, i) => {
      const base = fixture.patterns[Math.floor(random() * fixture.patterns.length)]!;
      const other = fixture.patterns[Math.floor(random() * fixture.patterns.length)]!;
      return {
        id: `p${i}`,
        kind: base.kind,
        title: `${base.title} (${i})`,
        summary: `${base.summary} ${other.summary}`,
        tags: base.tags,
        author: 'eval',
      };
    });
    const savedAt = performance.now();
    for (let i = 0; i < inputs.length; i += 2000) await store.saveMany(inputs.slice(i, i + 2000));
    const saveMs = Math.round(performance.now() - savedAt);
    const conversation = createLocalAdapter({ sweepIntervalMs: 0 });
    const recall = createRecall({
      embedder,
      vectors: conversation.vectors,
      patterns: store,
      patternSyncIntervalMs: 60_000,
    });
    const started = performance.now();
    await recall.refreshPatterns();
    const indexMs = Math.round(performance.now() - started);
    const run = (mode: 'hybrid' | 'text' | 'vector') => (i: number) =>
      recall.recall(queries[i % queries.length]!, { scope: 'patterns', k: 10, mode });
    const result = {
      items,
      saveMs,
      indexMs,
      hybrid: await measureLatency(run('hybrid'), runs),
      text: await measureLatency(run('text'), runs),
      vector: await measureLatency(run('vector'), runs),
    };
    await conversation.close();
    return result;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
