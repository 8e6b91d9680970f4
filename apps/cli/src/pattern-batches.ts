import type { Pattern, PatternInput, PatternStore, PatternWriteMeta } from 'agent-memory';
import type { Output } from './output.js';
import { startProgress } from './progress.js';

// One commit per batch: a few commits for a large import instead of hundreds, and a bar that moves.
const BATCH = 25;

/** Saves many patterns in batches of one commit each, with a progress bar on a terminal. */
export async function saveInBatches(
  store: PatternStore,
  inputs: PatternInput[],
  meta: PatternWriteMeta,
  out: Output,
  label: string,
): Promise<Pattern[]> {
  const progress = startProgress(out, label, inputs.length);
  const saved: Pattern[] = [];
  try {
    for (let at = 0; at < inputs.length; at += BATCH) {
      const batch = inputs.slice(at, at + BATCH);
      saved.push(...(await store.saveMany(batch, meta)));
      progress.tick(batch.length);
    }
  } finally {
    progress.stop();
  }
  return saved;
}
