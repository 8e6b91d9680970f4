import {
  MemoryError,
  parseDurationMs,
  parseInput,
  type Session,
  SessionStartSchema,
  type SessionStore,
  SessionUpdateOptionsSchema,
  SessionUpdateSchema,
} from '@agent-memory/core';
import type { SessionEntry } from './backend.js';
import { copy, isoTime, newId, type PortContext } from './context.js';

export function createSessionStore(ctx: PortContext): SessionStore {
  const { backend, keys, config } = ctx;

  const toSession = (id: string, e: SessionEntry): Session => ({
    id,
    userId: e.userId,
    project: e.project,
    startedAt: e.startedAt,
    context: copy(e.context),
    fields: { ...e.fields },
  });

  return {
    async start(input) {
      ctx.assertOpen();
      const parsed = parseInput(SessionStartSchema, input, 'session');
      const id = parsed.id ?? newId();
      const key = keys.session(id);
      ctx.assertSize({ context: parsed.context, fields: parsed.fields }, 'session');
      const now = backend.now();
      if (backend.live(key, 'session', now)) {
        throw new MemoryError('CONFLICT', `session ${JSON.stringify(id)} already exists`, {
          details: { id },
        });
      }
      const entry: SessionEntry = {
        kind: 'session',
        expiresAt: now + (parsed.ttlMs ?? config.ttl.sessionMs),
        userId: parsed.userId,
        project: parsed.project,
        startedAt: isoTime(now),
        context: parsed.context,
        fields: parsed.fields,
      };
      backend.set(key, entry);
      return toSession(id, entry);
    },

    async get(id) {
      ctx.assertOpen();
      const entry = backend.live(keys.session(id), 'session');
      return entry ? toSession(id, entry) : null;
    },

    async update(id, patch, options) {
      ctx.assertOpen();
      const key = keys.session(id);
      const p = parseInput(SessionUpdateSchema, patch, 'session update');
      const o = parseInput(SessionUpdateOptionsSchema, options ?? {}, 'session update options');
      const now = backend.now();
      const entry = backend.live(key, 'session', now);
      if (!entry)
        throw new MemoryError('NOT_FOUND', `session ${JSON.stringify(id)} does not exist`, {
          details: { id },
        });
      const context = p.context ?? entry.context;
      const fields = p.fields ? { ...entry.fields, ...p.fields } : entry.fields;
      ctx.assertSize({ context, fields }, 'session');
      entry.context = context;
      entry.fields = fields;
      if (p.project !== undefined) entry.project = p.project;
      if (o.refreshTtl !== undefined && o.refreshTtl !== false) {
        entry.expiresAt = now + (o.refreshTtl === true ? config.ttl.sessionMs : o.refreshTtl);
      }
      return toSession(id, entry);
    },

    async touch(id, ttlMs) {
      ctx.assertOpen();
      const key = keys.session(id);
      const ttl = ttlMs === undefined ? config.ttl.sessionMs : parseDurationMs(ttlMs, 'ttlMs');
      const now = backend.now();
      const entry = backend.live(key, 'session', now);
      if (!entry) return false;
      entry.expiresAt = now + ttl;
      return true;
    },

    async ttl(id) {
      ctx.assertOpen();
      const key = keys.session(id);
      const now = backend.now();
      const entry = backend.live(key, 'session', now);
      return entry ? entry.expiresAt - now : null;
    },

    async end(id) {
      ctx.assertOpen();
      const key = keys.session(id);
      return backend.live(key, 'session') !== undefined && backend.delete(key);
    },
  };
}
