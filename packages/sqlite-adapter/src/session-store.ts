import {
  assertId,
  IdSchema,
  type JsonObject,
  MemoryError,
  parseDurationMs,
  parseInput,
  type Session,
  SessionStartSchema,
  type SessionStore,
  SessionUpdateOptionsSchema,
  SessionUpdateSchema,
} from '@agent-memory/core';
import { z } from 'zod';
import { isoTime, newId, type SqliteContext } from './context.js';

/** Which live sessions `list` returns. */
export interface SessionListFilter {
  userId?: string;
  project?: string;
  /** At most this many (newest first). */
  limit?: number;
}

/** The SessionStore port plus listing, which the embedded default needs for `agent-memory status`. */
export interface SqliteSessionStore extends SessionStore {
  /** Live (unexpired) sessions, newest first, optionally of one user and/or project. */
  list(filter?: SessionListFilter): Promise<Session[]>;
}

const ListFilterSchema = z
  .object({
    userId: IdSchema.optional(),
    project: z.string().max(1024).optional(),
    limit: z.number().int().positive().optional(),
  })
  .strict();

interface SessionRow {
  id: string;
  user_id: string;
  project: string;
  started_at: string;
  context: string;
  fields: string;
  expires_at: number;
}

const COLUMNS = 'id, user_id, project, started_at, context, fields, expires_at';

export function createSessionStore(ctx: SqliteContext): SqliteSessionStore {
  const { db, ns, config } = ctx;
  const sql = {
    live: db.prepare<[string, string, number], SessionRow>(
      `SELECT ${COLUMNS} FROM sessions WHERE ns = ? AND id = ? AND expires_at > ?`,
    ),
    // REPLACE gives the row a new rowid: list() orders sessions of one millisecond by it
    insert: db.prepare(`INSERT OR REPLACE INTO sessions (ns, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    update: db.prepare(
      'UPDATE sessions SET project = ?, context = ?, fields = ?, expires_at = ? WHERE ns = ? AND id = ?',
    ),
    touch: db.prepare('UPDATE sessions SET expires_at = ? WHERE ns = ? AND id = ? AND expires_at > ?'),
    end: db.prepare('DELETE FROM sessions WHERE ns = ? AND id = ? AND expires_at > ?'),
    list: db.prepare<[string, number, string | null, string | null, number], SessionRow>(
      // a null filter matches any: user_id = coalesce(NULL, user_id)
      `SELECT ${COLUMNS} FROM sessions WHERE ns = ? AND expires_at > ?
         AND user_id = coalesce(?, user_id) AND project = coalesce(?, project)
       ORDER BY started_at DESC, rowid DESC LIMIT ?`,
    ),
  };

  const toSession = (row: SessionRow): Session => ({
    id: row.id,
    userId: row.user_id,
    project: row.project,
    startedAt: row.started_at,
    context: JSON.parse(row.context) as JsonObject,
    fields: JSON.parse(row.fields) as Record<string, string>,
  });

  const notFound = (id: string) =>
    new MemoryError('NOT_FOUND', `session ${JSON.stringify(id)} does not exist`, { details: { id } });

  const startTx = db.transaction((row: unknown[], id: string, now: number) => {
    if (sql.live.get(ns, id, now)) {
      throw new MemoryError('CONFLICT', `session ${JSON.stringify(id)} already exists`, { details: { id } });
    }
    sql.insert.run(ns, ...row);
  });

  const updateTx = db.transaction(
    (id: string, patch: z.output<typeof SessionUpdateSchema>, refresh: number | undefined, now: number) => {
      const row = sql.live.get(ns, id, now);
      if (!row) throw notFound(id);
      const context = patch.context ? JSON.stringify(patch.context) : row.context;
      const fields = patch.fields
        ? JSON.stringify({ ...(JSON.parse(row.fields) as object), ...patch.fields })
        : row.fields;
      assertSessionSize(ctx, context, fields);
      const next: SessionRow = {
        ...row,
        project: patch.project ?? row.project,
        context,
        fields,
        expires_at: refresh === undefined ? row.expires_at : now + refresh,
      };
      sql.update.run(next.project, next.context, next.fields, next.expires_at, ns, id);
      return next;
    },
  );

  return {
    async start(input) {
      ctx.assertOpen();
      const parsed = parseInput(SessionStartSchema, input, 'session');
      const id = parsed.id ?? newId();
      const context = JSON.stringify(parsed.context);
      const fields = JSON.stringify(parsed.fields);
      assertSessionSize(ctx, context, fields);
      const now = ctx.clock.now();
      const startedAt = isoTime(now);
      const expiresAt = now + (parsed.ttlMs ?? config.ttl.sessionMs);
      ctx.write('session start', () =>
        startTx.immediate(
          [id, parsed.userId, parsed.project, startedAt, context, fields, expiresAt],
          id,
          now,
        ),
      );
      return {
        id,
        userId: parsed.userId,
        project: parsed.project,
        startedAt,
        context: JSON.parse(context) as JsonObject,
        fields: { ...parsed.fields },
      };
    },

    async get(id) {
      ctx.assertOpen();
      assertId(id, 'session id');
      const row = ctx.read('session get', () => sql.live.get(ns, id, ctx.clock.now()));
      return row ? toSession(row) : null;
    },

    async update(id, patch, options) {
      ctx.assertOpen();
      assertId(id, 'session id');
      const p = parseInput(SessionUpdateSchema, patch, 'session update');
      const o = parseInput(SessionUpdateOptionsSchema, options ?? {}, 'session update options');
      const refresh =
        o.refreshTtl === undefined || o.refreshTtl === false
          ? undefined
          : o.refreshTtl === true
            ? config.ttl.sessionMs
            : o.refreshTtl;
      const row = ctx.write('session update', () => updateTx.immediate(id, p, refresh, ctx.clock.now()));
      return toSession(row);
    },

    async touch(id, ttlMs) {
      ctx.assertOpen();
      assertId(id, 'session id');
      const ttl = ttlMs === undefined ? config.ttl.sessionMs : parseDurationMs(ttlMs, 'ttlMs');
      const now = ctx.clock.now();
      return ctx.write('session touch', () => sql.touch.run(now + ttl, ns, id, now).changes > 0);
    },

    async ttl(id) {
      ctx.assertOpen();
      assertId(id, 'session id');
      const now = ctx.clock.now();
      const row = ctx.read('session ttl', () => sql.live.get(ns, id, now));
      return row ? row.expires_at - now : null;
    },

    async end(id) {
      ctx.assertOpen();
      assertId(id, 'session id');
      return ctx.write('session end', () => sql.end.run(ns, id, ctx.clock.now()).changes > 0);
    },

    async list(filter = {}) {
      ctx.assertOpen();
      const f = parseInput(ListFilterSchema, filter, 'session filter');
      const rows = ctx.read('session list', () =>
        sql.list.all(ns, ctx.clock.now(), f.userId ?? null, f.project ?? null, f.limit ?? -1),
      );
      return rows.map(toSession);
    },
  };
}

/** The limit applies to what a session holds: its context and extra fields together. */
function assertSessionSize(ctx: SqliteContext, context: string, fields: string): void {
  ctx.assertJsonSize(`{"context":${context},"fields":${fields}}`, 'session');
}
