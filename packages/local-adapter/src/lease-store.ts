import {
  assertId,
  type Lease,
  type LeaseRef,
  LeaseRefSchema,
  type LeaseStore,
  MemoryError,
  parseDurationMs,
  parseInput,
} from '@agent-memory/core';
import type { LeaseEntry } from './backend.js';
import type { PortContext } from './context.js';

export function createLeaseStore(ctx: PortContext): LeaseStore {
  const { backend, keys, config } = ctx;

  const toLease = (resource: string, e: LeaseEntry): Lease => ({
    resource,
    owner: e.owner,
    token: e.token,
    expiresAt: e.expiresAt,
  });

  const parseRef = (ref: unknown): Required<Pick<LeaseRef, 'resource' | 'owner'>> & { token?: number } => {
    const parsed = parseInput(LeaseRefSchema, ref, 'lease');
    keys.taskOwner(parsed.resource);
    return parsed;
  };

  /** The live lease when `ref` names it (owner, and token when given); undefined otherwise. */
  const heldBy = (ref: { resource: string; owner: string; token?: number }, now: number) => {
    const lease = backend.live(keys.taskOwner(ref.resource), 'lease', now);
    if (!lease || lease.owner !== ref.owner) return undefined;
    if (ref.token !== undefined && lease.token !== ref.token) return undefined;
    return lease;
  };

  return {
    async acquire(resource, owner, ttlMs) {
      ctx.assertOpen();
      const ownerKey = keys.taskOwner(resource);
      const fenceKey = keys.taskFence(resource);
      assertId(owner, 'owner');
      const ttl = parseDurationMs(ttlMs, 'ttlMs');
      const now = backend.now();
      if (backend.live(ownerKey, 'lease', now)) return null;
      // the fence outlives every lease by fenceMs, so tokens keep rising across claims
      const fence = backend.live(fenceKey, 'counter', now);
      const token = (fence?.value ?? 0) + 1;
      backend.set(fenceKey, { kind: 'counter', value: token, expiresAt: now + ttl + config.ttl.fenceMs });
      const lease: LeaseEntry = { kind: 'lease', owner, token, expiresAt: now + ttl };
      backend.set(ownerKey, lease);
      return toLease(resource, lease);
    },

    async renew(ref, ttlMs) {
      ctx.assertOpen();
      const r = parseRef(ref);
      const ttl = parseDurationMs(ttlMs, 'ttlMs');
      const now = backend.now();
      const lease = heldBy(r, now);
      if (!lease) {
        throw new MemoryError(
          'LEASE_LOST',
          `lease on ${JSON.stringify(r.resource)} is not held by ${JSON.stringify(r.owner)}`,
          {
            details: { resource: r.resource, owner: r.owner, token: r.token },
          },
        );
      }
      lease.expiresAt = now + ttl;
      const fence = backend.live(keys.taskFence(r.resource), 'counter', now);
      if (fence) fence.expiresAt = Math.max(fence.expiresAt, lease.expiresAt + config.ttl.fenceMs);
      return toLease(r.resource, lease);
    },

    async release(ref) {
      ctx.assertOpen();
      const r = parseRef(ref);
      if (!heldBy(r, backend.now())) return false;
      return backend.delete(keys.taskOwner(r.resource));
    },

    async get(resource) {
      ctx.assertOpen();
      const lease = backend.live(keys.taskOwner(resource), 'lease');
      return lease ? toLease(resource, lease) : null;
    },
  };
}
