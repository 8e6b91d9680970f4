import { randomUUID } from 'node:crypto';
import { jsonByteLength, type Keyspace, MemoryError, type ShortTermConfig } from '@agent-memory/core';
import type { LocalBackend } from './backend.js';

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
      checkBytes(jsonByteLength(value), config.limits.maxValueBytes, what);
    },
    assertJsonSize(json, what) {
      checkBytes(Buffer.byteLength(json, 'utf8'), config.limits.maxValueBytes, what);
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

export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** Copies stored JSON on the way out, so callers never hold the store's own objects. */
export const copy = <T>(value: T): T => structuredClone(value);
