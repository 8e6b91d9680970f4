import { jsonByteLength, MemoryError } from '@agent-memory/core';

/** Refuses a value whose stored JSON would exceed `limit` bytes, before anything is written. */
export function assertWithinLimit(value: unknown, limit: number, what: string): void {
  const bytes = jsonByteLength(value);
  if (bytes > limit) {
    throw new MemoryError('TOO_LARGE', `${what} is ${bytes} bytes, more than the limit of ${limit} bytes`, {
      details: { bytes, limit, field: what },
    });
  }
}
