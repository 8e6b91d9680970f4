import type { Memory } from 'agent-memory';
import { compareStreamIds, toMemoryError } from 'agent-memory';

/**
 * How far back a fresh subscriber looks for the newest audit entry. Entry ids carry the backend's
 * clock (Redis server time), not ours; the margin keeps a modest clock skew from making us start
 * after entries that are still to come.
 */
const TAIL_LOOKBACK_MS = 10 * 60 * 1000;
const PAGE = 1000;

/** A stream id just before `ms` ago: `after` it means "everything from then on". */
export function recentCursor(ms: number, now = Date.now()): string {
  return `${Math.max(0, now - ms)}-0`;
}

/**
 * The id of the newest audit entry, or a synthetic id that every later entry sorts after. Reads
 * at most the last few minutes of the log instead of replaying it from the start.
 */
export async function tailCursor(memory: Memory): Promise<string> {
  const stream = memory.coordinator.settings.logStream;
  let cursor = recentCursor(TAIL_LOOKBACK_MS);
  try {
    for (;;) {
      const page = await memory.adapter.log.range(stream, { after: cursor, count: PAGE });
      const last = page[page.length - 1];
      if (last && compareStreamIds(last.id, cursor) > 0) cursor = last.id;
      if (page.length < PAGE) return cursor;
    }
  } catch (error) {
    throw toMemoryError(error, 'BACKEND_UNAVAILABLE', 'reading the audit trail');
  }
}
