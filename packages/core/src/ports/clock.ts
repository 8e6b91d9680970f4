/** Where time comes from: tests inject a ManualClock locally; Redis uses its own clock. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told: makes TTL tests exact and instant. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2025, 11, 1, 12, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(epochMs: number): void {
    this.current = epochMs;
  }
}
