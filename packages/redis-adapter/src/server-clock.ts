/** Reads the server's clock: `[seconds, microseconds]` as Redis TIME returns them. */
export type ServerTimeSource = () => Promise<[string, string]>;

const RESYNC_MS = 60_000;

/**
 * Time from Redis itself, without a round trip per call: the offset between the server's clock
 * and ours is measured with TIME, then reused for a minute. Timestamps written by agents on
 * different hosts (session started_at, message ts, finding createdAt) thus share one clock.
 * Offsets within the measurement error (the round trip) are noise and count as zero.
 */
export class ServerClock {
  private offsetMs = 0;
  private syncedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly readServerTime: ServerTimeSource,
    private readonly localNow: () => number = Date.now,
  ) {}

  /** Epoch milliseconds on the server's clock. */
  async now(): Promise<number> {
    const cached = this.cachedNow();
    if (cached !== undefined) return cached;
    await this.sync();
    return this.localNow() + this.offsetMs;
  }

  /** The same without waiting: undefined when the offset is due for a new measurement. */
  cachedNow(): number | undefined {
    const local = this.localNow();
    return local - this.syncedAt > RESYNC_MS ? undefined : local + this.offsetMs;
  }

  private sync(): Promise<void> {
    this.syncing ??= this.measure().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async measure(): Promise<void> {
    const sent = this.localNow();
    const [seconds, micros] = await this.readServerTime();
    const received = this.localNow();
    const server = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const offset = server - Math.round((sent + received) / 2);
    const error = received - sent + 1;
    this.offsetMs = Math.abs(offset) <= error ? 0 : offset;
    this.syncedAt = received;
  }
}
