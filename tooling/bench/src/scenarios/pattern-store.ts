import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGitPatternStore, type GitPatternStore } from '@agent-memory/git-patterns';
import type { Profile } from '../bench-options.js';
import { summarize } from '../latency-stats.js';
import { measureSerial, timeOnce } from '../measure.js';
import { searchQueries, syntheticPattern } from '../pattern-corpus.js';
import type { PatternSizeResult } from '../report-model.js';

const CHUNK = 1000;
const HISTORY_ID = 'history-probe';

/**
 * The long-term layer in a temporary git repository: the corpus grows through each size of
 * `profile.corpusSizes` (saveMany in chunks), and at each size searches, index builds, history
 * reads and saves are timed.
 */
export async function runPatternStore(
  profile: Profile,
  log: (line: string) => void,
): Promise<PatternSizeResult[]> {
  const repo = await mkdtemp(path.join(tmpdir(), 'agent-memory-bench-patterns-'));
  const open = () =>
    createGitPatternStore({ repo, init: true, author: { name: 'bench', email: 'bench@example.invalid' } });
  let store: GitPatternStore = await open();
  let next = 0;
  const queries = searchQueries(profile.searchQueries);
  const results: PatternSizeResult[] = [];
  try {
    for (let v = 0; v < profile.historyVersions; v++) {
      await store.save({
        id: HISTORY_ID,
        kind: 'bug-fix',
        title: 'Token expiry compared in seconds against milliseconds',
        summary: `revision ${v}`,
        author: 'agent-a',
      });
    }
    for (const size of profile.corpusSizes) {
      const from = next;
      const buildMs = await timeOnce(async () => {
        // The history probe is one of the `size` patterns.
        while (next + 1 < size) {
          const count = Math.min(CHUNK, size - 1 - next);
          await store.saveMany(Array.from({ length: count }, (_, k) => syntheticPattern(next + k)));
          next += count;
        }
      });
      const built = next - from;
      const corpus = next + 1;
      await store.search(queries[0]!);
      const search = summarize(
        await measureSerial(
          (i) => store.search(queries[i % queries.length]!),
          Math.min(20, queries.length),
          queries.length,
        ),
      );
      const reindexMs = await timeOnce(() => store.reindex());
      await store.close();
      const warmOpenMs = await timeOnce(async () => {
        store = await open();
        await store.search(queries[0]!);
      });
      await store.close();
      // The snapshot a store leaves in the git directory for the next process (never committed).
      await rm(path.join(repo, '.git', 'agent-memory'), { recursive: true, force: true });
      const coldOpenMs = await timeOnce(async () => {
        store = await open();
        await store.search(queries[0]!);
      });
      const history = summarize(
        await measureSerial(() => store.history(HISTORY_ID), 1, profile.historyReads),
      );
      const saveSingle = summarize(
        await measureSerial(() => store.save(syntheticPattern(next++)), 0, profile.patternSaves),
      );
      const saveBatch100 = summarize(
        await measureSerial(
          async () => {
            const batch = Array.from({ length: 100 }, (_, k) => syntheticPattern(next + k));
            next += 100;
            await store.saveMany(batch);
          },
          0,
          profile.patternBatches,
        ),
      );
      results.push({
        corpus,
        buildMs,
        buildPatternsPerSec: built > 0 ? (built / buildMs) * 1000 : 0,
        search,
        reindexMs,
        coldOpenMs,
        warmOpenMs,
        history,
        saveSingle,
        saveBatch100,
      });
      log(
        `  ${corpus} patterns: search p50 ${(search.p50 / 1000).toFixed(2)} ms, reindex ${reindexMs.toFixed(0)} ms, ` +
          `save p50 ${(saveSingle.p50 / 1000).toFixed(1)} ms`,
      );
    }
    return results;
  } finally {
    await store.close();
    await rm(repo, { recursive: true, force: true });
  }
}
