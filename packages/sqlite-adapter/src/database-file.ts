import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema.js';
import { toStoreError } from './sqlite-errors.js';

export interface OpenOptions {
  busyTimeoutMs: number;
  synchronous: 'normal' | 'full';
  maxSizeBytes?: number | undefined;
}

/**
 * Opens (creating when missing) the database file and prepares it for many processes:
 * - WAL journal: readers never block the writer nor each other, and a commit is one append to
 *   `<file>-wal`;
 * - a busy timeout: a write waits that long for another process's write to finish;
 * - `synchronous` NORMAL or FULL (see SqliteAdapterOptions.synchronous);
 * - the schema, migrated in one IMMEDIATE transaction.
 * Every failure is a MemoryError naming the file and the fix; nothing stays open after one.
 */
export function openDatabaseFile(file: string, options: OpenOptions): Database.Database {
  const absolute = file === ':memory:' ? file : path.resolve(file);
  let db: Database.Database | undefined;
  try {
    if (absolute !== ':memory:') mkdirSync(path.dirname(absolute), { recursive: true });
    db = new Database(absolute, { timeout: options.busyTimeoutMs });
    // journal_mode is the first read of the file: a file that is not a database fails here
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    migrate(db, absolute);
    if (options.maxSizeBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxSizeBytes / pageSize))}`);
    }
    return db;
  } catch (error) {
    db?.close();
    throw toStoreError(error, absolute, 'open', options.busyTimeoutMs);
  }
}
