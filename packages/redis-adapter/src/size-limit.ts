import { jsonByteLength, MemoryError } from '@agent-memory/core';

/** Refuses a value whose stored JSON would exceed `limit` bytes, before anything is written. */
export function assertWithinLimit(value: unknown, limit: number, what: string): void {
  checkBytes(jsonByteLength(value), limit, what);
}

/**
 * The same for JSON text already made (the very text that will be stored, so nothing is
 * serialised twice). UTF-8 takes at most 3 bytes per UTF-16 unit, so short text needs no count.
 */
export function assertJsonWithinLimit(json: string, limit: number, what: string): void {
  if (json.length * 3 > limit) checkBytes(Buffer.byteLength(json, 'utf8'), limit, what);
}

function checkBytes(bytes: number, limit: number, what: string): void {
  if (bytes > limit) {
    throw new MemoryError('TOO_LARGE', `${what} is ${bytes} bytes, more than the limit of ${limit} bytes`, {
      details: { bytes, limit, field: what },
    });
  }
}
