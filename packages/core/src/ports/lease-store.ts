import type { Lease, LeaseRef } from '../schemas/lease.js';

/**
 * Exclusive, expiring claims on resources (tasks) with fencing tokens. Each operation is atomic
 * across every process on the backend: two owners never hold one resource at once.
 */
export interface LeaseStore {
  /**
   * Claims `resource` for `owner` for `ttlMs`. Returns the lease, with a fencing token larger than
   * any token issued before for this resource, or null if a live lease is held by anyone
   * (including the same owner: re-acquiring your own live lease is refused; renew it instead).
   */
  acquire(resource: string, owner: string, ttlMs: number): Promise<Lease | null>;
  /**
   * Extends a live lease held by `ref.owner` (and carrying `ref.token`, when given) to `ttlMs` from
   * now. LEASE_LOST when the lease lapsed or is held by someone else; the token is unchanged.
   */
  renew(ref: LeaseRef, ttlMs: number): Promise<Lease>;
  /**
   * Releases a lease only if `ref.owner` (and `ref.token`, when given) holds it.
   * True when released; false when not held by that owner (nothing changes).
   */
  release(ref: LeaseRef): Promise<boolean>;
  /** The live lease on `resource`, or null. */
  get(resource: string): Promise<Lease | null>;
}
