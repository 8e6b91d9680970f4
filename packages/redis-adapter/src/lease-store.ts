import {
  assertId,
  isId,
  type Lease,
  type LeaseRef,
  LeaseRefSchema,
  LeaseSchema,
  type LeaseStore,
  MemoryError,
  parseDurationMs,
  parseInput,
} from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { checkStored, corrupt } from './stored-data.js';

/**
 * Leases as STRING `<ns>:task:{<id>}:owner` (the agent id, SET NX PX) with fencing tokens from
 * INCR on `<ns>:task:{<id>}:fence`. Every step is one Lua script on the task's hash slot and
 * expiry comes from the server's TIME.
 */
export function createLeaseStore(ctx: RedisContext): LeaseStore {
  const { keys, config, scripts } = ctx;
  const taskKeys = (resource: string) => [keys.taskOwner(resource), keys.taskFence(resource)];

  // LeaseSchema by hand (zod only explains a reply that fails it): this runs on every claim.
  const toLease = (
    lease: { resource: string; owner: unknown; token: unknown; expiresAt: unknown },
    key: string,
  ) =>
    isId(lease.owner) &&
    Number.isSafeInteger(lease.token) &&
    (lease.token as number) > 0 &&
    Number.isSafeInteger(lease.expiresAt)
      ? (lease as Lease)
      : checkStored(LeaseSchema, lease, key, 'lease');

  return {
    async acquire(resource, owner, ttlMs) {
      const [ownerKey, fenceKey] = taskKeys(resource) as [string, string];
      assertId(owner, 'owner');
      const ms = parseDurationMs(ttlMs, 'ttlMs');
      const reply = await ctx.command('lease acquire', ownerKey, () =>
        scripts.leaseAcquire([ownerKey, fenceKey], [owner, ms, config.ttl.fenceMs, config.ttl.leaseMs]),
      );
      if (reply === null) return null;
      const [token, expiresAt] = numbers(reply, ownerKey);
      return toLease({ resource, owner, token, expiresAt }, ownerKey);
    },

    async renew(ref: LeaseRef, ttlMs: number) {
      const { resource, owner, token } = parseInput(LeaseRefSchema, ref, 'lease');
      const [ownerKey, fenceKey] = taskKeys(resource) as [string, string];
      const ms = parseDurationMs(ttlMs, 'ttlMs');
      const reply = await ctx.command('lease renew', ownerKey, () =>
        scripts.leaseRenew([ownerKey, fenceKey], [owner, ms, token ?? '', config.ttl.fenceMs]),
      );
      if (!Array.isArray(reply)) throw corrupt(ownerKey, 'unexpected lease renew reply');
      if (reply[0] !== 1) {
        const holder = typeof reply[1] === 'string' && reply[1] !== '' ? reply[1] : null;
        throw new MemoryError(
          'LEASE_LOST',
          holder === null
            ? `lease on ${resource} has lapsed`
            : holder === owner
              ? `lease on ${resource} was re-acquired: token ${token} is stale`
              : `lease on ${resource} is held by another owner`,
          { details: { resource, owner, holder, ...(token === undefined ? {} : { token }) } },
        );
      }
      const [, newToken, expiresAt] = numbers(reply, ownerKey);
      return toLease({ resource, owner, token: newToken, expiresAt }, ownerKey);
    },

    async release(ref: LeaseRef) {
      const { resource, owner, token } = parseInput(LeaseRefSchema, ref, 'lease');
      const [ownerKey, fenceKey] = taskKeys(resource) as [string, string];
      const released = await ctx.command('lease release', ownerKey, () =>
        scripts.leaseRelease([ownerKey, fenceKey], [owner, token ?? '']),
      );
      return released === 1;
    },

    async get(resource) {
      const [ownerKey, fenceKey] = taskKeys(resource) as [string, string];
      const reply = await ctx.command('lease get', ownerKey, () =>
        scripts.leaseGet([ownerKey, fenceKey], [config.ttl.fenceMs, config.ttl.leaseMs]),
      );
      if (reply === null) return null;
      if (!Array.isArray(reply)) throw corrupt(ownerKey, 'unexpected lease reply');
      return toLease({ resource, owner: reply[0], token: reply[1], expiresAt: reply[2] }, ownerKey);
    },
  };
}

function numbers(reply: unknown, key: string): number[] {
  if (!Array.isArray(reply) || !reply.every((v) => typeof v === 'number')) {
    throw corrupt(key, 'unexpected lease script reply');
  }
  return reply as number[];
}
