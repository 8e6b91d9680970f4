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
  owner: string;
  token: number;
  expires_at: number;
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
    live: db.prepare<[string, string, number], LeaseRow>(
      'SELECT owner, token, expires_at FROM leases WHERE ns = ? AND resource = ? AND expires_at > ?',
    ),
    fence: db
      .prepare<[string, string, number], number>(
        'SELECT token FROM fences WHERE ns = ? AND resource = ? AND expires_at > ?',
      )
      .pluck(),
    setFence: db.prepare(
      'INSERT OR REPLACE INTO fences (ns, resource, token, expires_at) VALUES (?, ?, ?, ?)',
    ),
    extendFence: db.prepare(
      'UPDATE fences SET expires_at = max(expires_at, ?) WHERE ns = ? AND resource = ? AND expires_at > ?',
    ),
    setLease: db.prepare(
      'INSERT OR REPLACE INTO leases (ns, resource, owner, token, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    renew: db.prepare('UPDATE leases SET expires_at = ? WHERE ns = ? AND resource = ?'),
    release: db.prepare(
      // a null token matches any: token = coalesce(NULL, token)
      `DELETE FROM leases WHERE ns = ? AND resource = ? AND owner = ? AND token = coalesce(?, token)
         AND expires_at > ?`,
    ),
  };

  const acquireTx = db.transaction((resource: string, owner: string, ttl: number, now: number) => {
    if (sql.live.get(ns, resource, now)) return null;
    // the fence outlives every lease by fenceMs, so tokens keep rising across claims
    const token = (sql.fence.get(ns, resource, now) ?? 0) + 1;
    const expiresAt = now + ttl;
    sql.setFence.run(ns, resource, token, expiresAt + config.ttl.fenceMs);
    sql.setLease.run(ns, resource, owner, token, expiresAt);
    return { resource, owner, token, expiresAt } satisfies Lease;
  });

  const renewTx = db.transaction((ref: Ref, ttl: number, now: number): Lease => {
    const lease = sql.live.get(ns, ref.resource, now);
    if (!lease || lease.owner !== ref.owner || (ref.token !== undefined && lease.token !== ref.token)) {
      throw new MemoryError(
        'LEASE_LOST',
        `lease on ${JSON.stringify(ref.resource)} is not held by ${JSON.stringify(ref.owner)}`,
        { details: { resource: ref.resource, owner: ref.owner, token: ref.token } },
      );
    }
    const expiresAt = now + ttl;
    sql.renew.run(expiresAt, ns, ref.resource);
    sql.extendFence.run(expiresAt + config.ttl.fenceMs, ns, ref.resource, now);
    return { resource: ref.resource, owner: lease.owner, token: lease.token, expiresAt };
  });

  const parseRef = (ref: unknown): Ref => parseInput(LeaseRefSchema, ref, 'lease');

  return {
    async acquire(resource, owner, ttlMs) {
      ctx.assertOpen();
      assertId(resource, 'task id');
      assertId(owner, 'owner');
      const ttl = parseDurationMs(ttlMs, 'ttlMs');
      return ctx.run('lease acquire', () => acquireTx.immediate(resource, owner, ttl, ctx.clock.now()));
    },

    async renew(ref, ttlMs) {
      ctx.assertOpen();
      const r = parseRef(ref);
      const ttl = parseDurationMs(ttlMs, 'ttlMs');
      return ctx.run('lease renew', () => renewTx.immediate(r, ttl, ctx.clock.now()));
    },

    async release(ref) {
      ctx.assertOpen();
      const r = parseRef(ref);
      const now = ctx.clock.now();
      return ctx.run(
        'lease release',
        () => sql.release.run(ns, r.resource, r.owner, r.token ?? null, now).changes > 0,
      );
    },

    async get(resource) {
      ctx.assertOpen();
      assertId(resource, 'task id');
      const row = ctx.run('lease get', () => sql.live.get(ns, resource, ctx.clock.now()));
      return row ? { resource, owner: row.owner, token: row.token, expiresAt: row.expires_at } : null;
    },
  };
}
