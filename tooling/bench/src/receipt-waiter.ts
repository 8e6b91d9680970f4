import { MemoryError } from '@agent-memory/core';

/**
 * Pairs each published message (by sequence number) with its arrival on the subscriber, so a
 * pub/sub operation completes only when the message has made the full round trip.
 */
export class ReceiptWaiter {
  private readonly waiting = new Map<number, () => void>();

  /** `timeoutMs` 0: no timer (in-process delivery cannot get lost, and a timer would cost more than the op). */
  wait(seq: number, timeoutMs = 5000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (timeoutMs === 0) {
        this.waiting.set(seq, resolve);
        return;
      }
      const timer = setTimeout(() => {
        this.waiting.delete(seq);
        reject(
          new MemoryError('BACKEND_UNAVAILABLE', `message ${seq} was not received within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.waiting.set(seq, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  deliver(seq: unknown): void {
    if (typeof seq !== 'number') return;
    const resolve = this.waiting.get(seq);
    if (!resolve) return;
    this.waiting.delete(seq);
    resolve();
  }
}
