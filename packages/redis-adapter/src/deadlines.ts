interface Pending {
  readonly at: number;
  readonly ms: number;
  readonly fail: (error: Error) => void;
}

/**
 * Deadlines for calls the client itself does not bound, kept in one set swept by one interval
 * timer that runs only while something is pending. A timer per call (setTimeout, clearTimeout,
 * Promise.race) costs more than the Redis command it guards; a set entry costs next to nothing,
 * and a deadline firing up to one tick late is no loss for a guard against hangs.
 */
export class Deadlines {
  private readonly pending = new Set<Pending>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly tickMs: number) {}

  /** Settles like `step`, or rejects with a timeout error once `ms` have passed without an answer. */
  bound<T>(step: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { at: Date.now() + ms, ms, fail: reject };
      this.pending.add(entry);
      this.timer ??= setInterval(() => this.sweep(), this.tickMs);
      // A late answer to an abandoned call lands here and is dropped: no unhandled rejection.
      step.then(
        (value) => {
          this.pending.delete(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(entry);
          reject(error);
        },
      );
    });
  }

  /** How many calls are waiting for an answer (for tests). */
  get size(): number {
    return this.pending.size;
  }

  private sweep(): void {
    const now = Date.now();
    for (const entry of this.pending) {
      if (entry.at > now) continue;
      this.pending.delete(entry);
      entry.fail(new Error(`Command timed out: no reply within ${entry.ms} ms`));
    }
    if (this.pending.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
