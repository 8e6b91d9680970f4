import { performance } from 'node:perf_hooks';
import type { Database, Statement } from 'better-sqlite3';

/** The oldest a shared read snapshot may get before a read starts a new one (ms). */
export const MAX_SNAPSHOT_AGE_MS = 1;

// Writes made by any adapter of this process: a snapshot taken before one is not reused, so a read
// always sees what this process wrote before it, through whichever connection.
let processWrites = 0;

/**
 * Lets the reads of one synchronous burst share one read transaction. Starting a read
 * transaction on a WAL file costs lock system calls on the shared-memory file, several times what
 * a small indexed read itself costs; one snapshot per burst pays them once. A snapshot is reused
 * only while all of these hold, so a read never misses anything it could have learned of:
 * - the burst has not yielded to the event loop (it ends at the next setImmediate), so a message,
 *   timer or I/O from another process always finds a fresh snapshot;
 * - no adapter of this process has written since it began (writes end it first);
 * - it is at most MAX_SNAPSHOT_AGE_MS old, for code that polls in a loop of microtasks.
 */
export class ReadSnapshot {
  private open = false;
  private openedAt = 0;
  private writesAtOpen = 0;
  private endScheduled = false;
  private readonly begin: Statement;
  private readonly commit: Statement;

  constructor(private readonly db: Database) {
    this.begin = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
  }

  /** Before a read: joins the current snapshot or begins one. */
  enter(): void {
    if (this.open) {
      const fresh =
        processWrites === this.writesAtOpen &&
        performance.now() - this.openedAt < MAX_SNAPSHOT_AGE_MS &&
        this.db.inTransaction;
      if (fresh) return;
      this.end();
    }
    if (this.db.inTransaction) return;
    this.begin.run();
    this.open = true;
    this.openedAt = performance.now();
    this.writesAtOpen = processWrites;
    if (!this.endScheduled) {
      this.endScheduled = true;
      setImmediate(() => {
        this.endScheduled = false;
        this.end();
      }).unref();
    }
  }

  /** Ends the snapshot (before a write, a check for other processes' commits, close). */
  end(): void {
    if (!this.open) return;
    this.open = false;
    if (this.db.inTransaction && this.db.open) this.commit.run();
  }

  /** After a write by this process: every snapshot of the process is stale. */
  static wrote(): void {
    processWrites++;
  }
}
