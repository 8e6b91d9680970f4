import { existsSync, renameSync } from 'node:fs';
import {
  type ConversationMessageInput,
  type FindingInput,
  isMemoryError,
  type ShortTermAdapter,
} from '@agent-memory/core';
import type { MemoryLogger } from './logger.js';

export interface SnapshotImport {
  /** Items written (sessions, windows, findings lists, log entries, records). */
  imported: number;
  /** Items the new store refused (expired meanwhile, over a limit); named in the log line. */
  skipped: number;
  /** Where the snapshot now lives. */
  renamedTo: string;
}

/**
 * Moves what an earlier in-process run left in a local snapshot file into `adapter` (the embedded
 * store), once: the file is renamed first, so of several processes starting together exactly one
 * imports, and the renamed file stays on disk as the backup. One log line says what happened.
 */
export async function importLocalSnapshot(
  path: string,
  adapter: ShortTermAdapter,
  logger: MemoryLogger,
): Promise<SnapshotImport | null> {
  if (!existsSync(path)) return null;
  const renamedTo = `${path}.imported-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, renamedTo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // another process won
    throw error;
  }
  const { readSnapshotItems } = await import('@agent-memory/local-adapter');
  let imported = 0;
  let skipped = 0;
  const refused: string[] = [];
  for (const item of readSnapshotItems(renamedTo, adapter.namespace)) {
    try {
      imported += await writeItem(adapter, item);
    } catch (error) {
      if (!isMemoryError(error)) throw error;
      skipped += 1;
      refused.push(`${item.kind}: ${error.message}`);
    }
  }
  logger.warn(
    { from: path, to: renamedTo, imported, skipped, refused },
    `imported ${imported} item(s) of namespace ${adapter.namespace} from the old in-process snapshot ${path} ` +
      `into the ${adapter.kind} store${skipped ? ` (${skipped} refused: ${refused.join('; ')})` : ''}; ` +
      `the file was kept as ${renamedTo}`,
  );
  return { imported, skipped, renamedTo };
}

type Item = ReturnType<typeof import('@agent-memory/local-adapter').readSnapshotItems>[number];

async function writeItem(adapter: ShortTermAdapter, item: Item): Promise<number> {
  switch (item.kind) {
    case 'session':
      await adapter.sessions.start({
        id: item.id,
        userId: item.userId,
        project: item.project,
        context: item.context,
        fields: item.fields,
        ttlMs: item.ttlMs,
      });
      return 1;
    case 'window':
      await adapter.conversation.appendMany(
        item.userId,
        item.messages as unknown as ConversationMessageInput[],
      );
      return item.messages.length;
    case 'findings':
      // the stored finding carries its task id; the input names the task by argument
      for (const { taskId: _task, ...finding } of item.findings) {
        await adapter.findings.append(item.taskId, finding as FindingInput);
      }
      return item.findings.length;
    case 'log':
      for (const data of item.entries) await adapter.log.append(item.stream, data);
      return item.entries.length;
    case 'record':
      await adapter.records.put(item.collection, item.id, item.value, { ttlMs: item.ttlMs });
      return 1;
  }
}
