import { randomUUID } from 'node:crypto';
import {
  copyPlainJson,
  type JsonValue,
  jsonByteLength,
  type Keyspace,
  MemoryError,
  type ShortTermConfig,
} from '@agent-memory/core';
import type { LocalBackend } from './backend.js';
import { jsonByteBound } from './json-size.js';

/** What every port of one adapter shares: the backend, its keys and config, and the open/closed state. */
export interface PortContext {
  readonly backend: LocalBackend;
  readonly keys: Keyspace;
  readonly config: ShortTermConfig;
  /** Throws CLOSED once the adapter is closed; every port method calls it first. */
  assertOpen(): void;
  /** Throws TOO_LARGE when `value` as JSON exceeds limits.maxValueBytes; nothing is written then. */
  assertSize(value: unknown, what: string): void;
  /** The same for JSON text already serialised. */
  assertJsonSize(json: string, what: string): void;
  /** Called by close(): resolves every blocked read so it can fail with CLOSED. */
  onClose(listener: () => void): () => void;
}

export function createPortContext(backend: LocalBackend, keys: Keyspace, config: ShortTermConfig) {
  let closed = false;
  const closeListeners = new Set<() => void>();
  const context: PortContext = {
    backend,
    keys,
    config,
    assertOpen() {
      if (closed) throw new MemoryError('CLOSED', 'the local adapter is closed');
    },
    assertSize(value, what) {
      const limit = config.limits.maxValueBytes;
      // Serialising just to count is the priciest step of a small write: bound it first.
      if (jsonByteBound(value) > limit) checkBytes(jsonByteLength(value), limit, what);
    },
    assertJsonSize(json, what) {
      const limit = config.limits.maxValueBytes;
      if (json.length * 3 > limit) checkBytes(Buffer.byteLength(json, 'utf8'), limit, what);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
  const close = () => {
    closed = true;
    for (const listener of closeListeners) listener();
    closeListeners.clear();
  };
  return { context, close };
}

function checkBytes(bytes: number, limit: number, what: string): void {
  if (bytes > limit) {
    throw new MemoryError('TOO_LARGE', `${what} is ${bytes} bytes, more than the limit of ${limit}`, {
      details: { bytes, limit },
    });
  }
}

/** Ids the store makes up (sessions, findings) are UUIDs: valid ids, unique without coordination. */
export const newId = (): string => randomUUID();

let lastMs = Number.NaN;
let lastIso = '';

/** ISO 8601 of an epoch ms; calls within one millisecond (most of a busy burst) reuse the text. */
export const isoTime = (ms: number): string => {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
};

/**
 * Copies stored JSON on the way in and out, so callers never hold the store's own objects. Every
 * stored value is plain JSON (it passed the core schemas), so a plain walk does what
 * structuredClone did, several times faster.
 */
export const copy = <T>(value: T): T => copyPlainJson(value as JsonValue) as T;
