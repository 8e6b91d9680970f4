/** Called on every tick; `changed` when another connection committed to the file since the last one. */
export type ChangeListener = (changed: boolean) => void;

/**
 * Notices commits made by other connections (other processes, or other adapters of this one) by
 * polling `PRAGMA data_version`, a read of a counter in shared memory that costs about a
 * microsecond. It ticks only while someone listens (subscriptions, blocked stream reads), and its
 * timer keeps the process alive then, like a Redis subscriber connection does.
 */
export class ChangeWatcher {
  private readonly listeners = new Set<ChangeListener>();
  private timer: NodeJS.Timeout | undefined;
  private version = 0;
  private stopped = false;

  constructor(
    private readonly readVersion: () => number,
    private readonly intervalMs: number,
  ) {}

  /** Adds a listener (starting the ticks); returns its removal. */
  add(listener: ChangeListener): () => void {
    if (this.stopped) return () => {};
    this.listeners.add(listener);
    if (!this.timer) {
      this.version = this.readVersion();
      this.timer = setInterval(() => this.tick(), this.intervalMs);
    }
    return () => this.remove(listener);
  }

  /** Checks now (also what the timer does). */
  tick(): void {
    if (this.listeners.size === 0) return;
    let changed = false;
    try {
      const version = this.readVersion();
      changed = version !== this.version;
      this.version = version;
    } catch (error) {
      warn('checking the database for changes', error);
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(changed);
      } catch (error) {
        warn('delivering changes from other processes', error);
      }
    }
  }

  /** Stops for good (close()). */
  stop(): void {
    this.stopped = true;
    this.listeners.clear();
    this.halt();
  }

  private remove(listener: ChangeListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.halt();
  }

  private halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

// A failing background tick (the file locked past the busy timeout, a full disk) must not crash the
// process: it is reported, and the next tick tries again.
function warn(what: string, error: unknown): void {
  process.emitWarning(
    `agent-memory sqlite: ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    'AgentMemoryWarning',
  );
}
