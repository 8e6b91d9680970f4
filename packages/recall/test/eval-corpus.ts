import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConversationWindow, Embedder, VectorIndex } from '@agent-memory/core';
import { createGitPatternStore, type GitPatternStore } from '@agent-memory/git-patterns';
import { messageId } from '../src/collection-names.js';
import type { EvalFixture } from '../src/evaluation/eval-fixture.js';
import { createRecall, type Recall, type RecallDependencies } from '../src/recall-service.js';

export interface EvalCorpus {
  recall: Recall;
  patterns: GitPatternStore;
  keyOf(reference: string): string;
  close(): Promise<void>;
}

/**
 * The fixture loaded into real stores: patterns committed to a fresh git repository through
 * GitPatternStore (so the full-text side is the store's own search), messages appended to the
 * conversation windows of `backend` (the local adapter or Redis).
 */
export async function openEvalCorpus(
  fixture: EvalFixture,
  backend: { conversation: ConversationWindow; vectors: VectorIndex },
  embedder: Embedder,
  extra: Partial<RecallDependencies> = {},
): Promise<EvalCorpus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'recall-eval-'));
  const now = new Date(fixture.now);
  const patterns = await createGitPatternStore({
    repo: dir,
    init: true,
    clock: () => now,
    author: { name: 'eval', email: 'eval@example.invalid' },
    secrets: 'redact',
    pii: 'allow',
  });
  await patterns.saveMany(
    fixture.patterns.map((p) => ({ ...p, author: 'eval', confidence: 0.7 })),
    { message: 'evaluation fixture' },
  );
  const keys = new Map<string, string>();
  for (const [userId, messages] of Object.entries(fixture.conversations)) {
    await backend.conversation.clear(userId);
    const stored = await backend.conversation.appendMany(
      userId,
      messages.map((m, i) => ({
        role: m.role,
        content: m.content,
        ts: new Date(now.getTime() - (messages.length - i) * 60_000).toISOString(),
        ...(m.tags ? { meta: { tags: m.tags } } : {}),
      })),
    );
    stored.forEach((m, i) => {
      keys.set(`message:${messages[i]!.id}`, `message:${userId}:${messageId(m)}`);
    });
  }
  const windowLength = Math.max(...Object.values(fixture.conversations).map((m) => m.length));
  const recall = createRecall({
    embedder,
    vectors: backend.vectors,
    conversation: backend.conversation,
    patterns,
    windowLength,
    patternSyncIntervalMs: 60_000,
    ...extra,
  });
  await recall.refreshPatterns();
  return {
    recall,
    patterns,
    keyOf: (reference) => keys.get(reference) ?? reference,
    async close() {
      await patterns.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
