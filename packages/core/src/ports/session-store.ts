import type { Session, SessionStartInput, SessionUpdate, SessionUpdateOptions } from '../schemas/session.js';

/**
 * Session context with a TTL. Every write leaves an expiry on the session; an expired session is gone
 * for every reader at once. (The Redis layout is in docs/protocol.md.)
 * Invalid input throws MemoryError INVALID_INPUT (TOO_LARGE for an oversize context) and writes nothing.
 */
export interface SessionStore {
  /**
   * Creates a session that expires after `ttlMs` (or the configured default).
   * CONFLICT if a live session with that id exists. `startedAt` is set by the store.
   */
  start(input: SessionStartInput): Promise<Session>;
  /** The session, or null when it never existed, ended or expired. */
  get(id: string): Promise<Session | null>;
  /**
   * Atomically applies the patch to a live session (context replaced, fields merged) and returns
   * the result. NOT_FOUND if the session is missing or expired: an update never resurrects one.
   * The TTL is left as it is unless `refreshTtl` asks for a reset.
   */
  update(id: string, patch: SessionUpdate, options?: SessionUpdateOptions): Promise<Session>;
  /** Resets the TTL (to `ttlMs` or the default); false when the session is gone. */
  touch(id: string, ttlMs?: number): Promise<boolean>;
  /** Milliseconds left before the session expires; null when it is gone. */
  ttl(id: string): Promise<number | null>;
  /** Deletes the session; false when it was already gone. */
  end(id: string): Promise<boolean>;
}
