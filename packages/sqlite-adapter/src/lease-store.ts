import {
  assertId,
  type Lease,
  LeaseRefSchema,
  type LeaseStore,
  MemoryError,
  parseDurationMs,
  parseInput,
} from '@agent-memory/core';
import type { SqliteContext } from './context.js';

interface LeaseRow {
  owner: string | null;
  token: number;
  expires_at: number;
  fence_expires_at: number;
}

interface Ref {
  resource: string;
  owner: string;
  token?: number | undefined;
}

/**
 * Leases with fencing tokens. Each of acquire / renew / release is one IMMEDIATE transaction (or
 * one statement): SQLite lets one writer in at a time across every process on the file, so two
 * processes can never both see the task free and both take it.
 */
export function createLeaseStore(ctx: SqliteContext): LeaseStore {
  const { db, ns, config } = ctx;
  const sql = {
    row: db.prepare<[string, string], LeaseRow>(
      'SELECT owner, token, expires_at, fence_expires_at FROM leases WHERE ns = ? AND resource = ?',
    ),
    set: db.prepare(
      `INSERT OR REPLACE INTO leases (ns, resource, owner, token, expires_at, fence_expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    renew: db.prepare(
      `UPDATE leases SET expires_at = ?, fence_expires_at = max(fence_expires_at, ?)
       WHERE ns = ? AND resource = ?`,
    ),
    // a null token matches any: token = coalesce(NULL, token)
    release: db.prepare(
      `UPDATE leases SET owner = NULL, expires_at = 0 WHERE ns = ? AND resource = ? AND owner = ?
         AND token = coalesce(?, token) AND expires_at > ?`,
    ),
  };

  /** The row when it holds a live lease. */
  const live = (resource: string, now: number) => {
    const row = sql.row.get(ns, resource);
    return row && row.owner !== null && row.expires_at > now
      ? (row as LeaseRow & { owner: string })
      : undefined;
  };

  const acquireTx = db.transaction((resource: string, owner: string, ttl: number, now: number) => {
    const row = sql.row.get(ns, resource);
    if (row && row.owner !== null && row.expires_at > now) return null;
    // the fence outlives every lease by fenceMs, so tokens keep rising across claims
    const token = (row && row.fence_expires_at > now ? row.token : 0) + 1;
    const expiresAt = now + ttl;
    sql.set.run(ns, resource, owner, token, expiresAt, expiresAt + config.ttl.fenceMs);
    return { resource, owner, token, expiresAt } satisfies Lease;
  });

  const renewTx = db.transaction((ref: Ref, ttl: number, now: number): Lease => {
    const lease = live(ref.resource, now);
    if (!lease || lease.owner !== ref.owner || (ref.token !== undefined && lease.token !== ref.token)) {
      throw new MemoryError(
        'LEASE_LOST',
        `lease on ${JSON.stringify(ref.resource)} is not held by ${JSON.stringify(ref.owner)}`,
        { details: { resource: ref.resource, owner: ref.owner, token: ref.token } },
      );
    }
    const expiresAt = now + ttl;
    sql.renew.run(expiresAt, expiresAt + config.ttl.fenceMs, ns, ref.resource);
    return { resource: ref.resource, owner: lease.owner, token: lease.token, expiresAt };
  });

  const parseRef = (ref: unknown): Ref => parseInput(LeaseRefSchema, ref, 'lease');

  return {
    async acquire(resource, owner, ttlMs) {
      ctx.assertOpen();
      assertId(resource, 'task id');
      assertId(owner, 'owner');
      const ttl = parseDurationMs(ttlMs, 'ttlMs');
      return ctx.write('lease acquire', () => acquireTx.immediate(resource, owner, ttl, ctx.clock.now()));
    },

    async renew(ref, ttlMs) {
      ctx.assertOpen();
      const r = parseRef(ref);
      const ttl = parseDurationMs(ttlMs, 'ttlMs');
      return ctx.write('lease renew', () => renewTx.immediate(r, ttl, ctx.clock.now()));
    },

    async release(ref) {
      ctx.assertOpen();
      const r = parseRef(ref);
      const now = ctx.clock.now();
      return ctx.write(
        'lease release',
        () => sql.release.run(ns, r.resource, r.owner, r.token ?? null, now).changes > 0,
      );
    },

    async get(resource) {
      ctx.assertOpen();
      assertId(resource, 'task id');
      const row = ctx.read('lease get', () => live(resource, ctx.clock.now()));
      return row ? { resource, owner: row.owner, token: row.token, expiresAt: row.expires_at } : null;
    },
  };
}
