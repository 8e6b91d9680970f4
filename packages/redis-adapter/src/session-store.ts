import { randomUUID } from 'node:crypto';
import {
  MemoryError,
  parseDurationMs,
  parseInput,
  type Session,
  type SessionStartInput,
  SessionStartSchema,
  type SessionStore,
  type SessionUpdate,
  type SessionUpdateOptions,
  SessionUpdateOptionsSchema,
  SessionUpdateSchema,
} from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { sessionFromHash, sessionToHash } from './session-hash.js';
import { assertWithinLimit } from './size-limit.js';

/** Sessions as HASH `<ns>:session:<id>`; every write sets the TTL in the same script. */
export function createSessionStore(ctx: RedisContext): SessionStore {
  const { keys, config, scripts } = ctx;
  const maxBytes = config.limits.maxValueBytes;

  return {
    async start(input: SessionStartInput): Promise<Session> {
      const parsed = parseInput(SessionStartSchema, input, 'session');
      assertWithinLimit(parsed.context, maxBytes, 'session context');
      assertWithinLimit(parsed.fields, maxBytes, 'session fields');
      const id = parsed.id ?? randomUUID();
      const key = keys.session(id);
      const ttlMs = parsed.ttlMs ?? config.ttl.sessionMs;
      const session: Session = {
        id,
        userId: parsed.userId,
        project: parsed.project,
        startedAt: await ctx.isoNow(),
        context: parsed.context,
        fields: parsed.fields,
      };
      const created = await ctx.command('session start', key, () =>
        scripts.sessionStart([key], [ttlMs, ...sessionToHash(session)]),
      );
      if (created !== 1) {
        throw new MemoryError('CONFLICT', `session ${id} already exists`, { details: { id, key } });
      }
      return session;
    },

    async get(id: string): Promise<Session | null> {
      const key = keys.session(id);
      const hash = await ctx.command('HGETALL', key, () => ctx.client.hgetall(key));
      return isEmpty(hash) ? null : sessionFromHash(id, hash, key);
    },

    async update(id: string, patch: SessionUpdate, options: SessionUpdateOptions = {}): Promise<Session> {
      const key = keys.session(id);
      const parsed = parseInput(SessionUpdateSchema, patch, 'session update');
      const { refreshTtl } = parseInput(SessionUpdateOptionsSchema, options, 'session update options');
      const pairs: string[] = [];
      if (parsed.project !== undefined) pairs.push('project', parsed.project);
      if (parsed.context !== undefined) {
        assertWithinLimit(parsed.context, maxBytes, 'session context');
        pairs.push('context', JSON.stringify(parsed.context));
      }
      if (parsed.fields !== undefined) {
        assertWithinLimit(parsed.fields, maxBytes, 'session fields');
        for (const [field, value] of Object.entries(parsed.fields)) pairs.push(field, value);
      }
      const ttl =
        refreshTtl === undefined || refreshTtl === false
          ? ''
          : refreshTtl === true
            ? config.ttl.sessionMs
            : refreshTtl;
      const hash = await ctx.command('session update', key, () =>
        scripts.sessionUpdate([key], [ttl, config.ttl.sessionMs, ...pairs]),
      );
      if (!Array.isArray(hash)) {
        throw new MemoryError('NOT_FOUND', `session ${id} does not exist or has expired`, {
          details: { id, key },
        });
      }
      return sessionFromHash(id, hash as string[], key);
    },

    async touch(id: string, ttlMs?: number): Promise<boolean> {
      const key = keys.session(id);
      const ms = ttlMs === undefined ? config.ttl.sessionMs : parseDurationMs(ttlMs, 'ttlMs');
      // PEXPIRE never creates a key, so touching an expired session cannot resurrect it.
      const touched = await ctx.command('PEXPIRE', key, () => ctx.client.pexpire(key, ms));
      return touched === 1;
    },

    async ttl(id: string): Promise<number | null> {
      const key = keys.session(id);
      const ms = await ctx.command('PTTL', key, () => scripts.sessionTtl([key], [config.ttl.sessionMs]));
      return typeof ms === 'number' && ms >= 0 ? ms : null;
    },

    async end(id: string): Promise<boolean> {
      const key = keys.session(id);
      return (await ctx.command('DEL', key, () => ctx.client.del(key))) === 1;
    },
  };
}

// HGETALL of a missing key is {}; no need to list the keys of a present one to tell.
function isEmpty(hash: Record<string, string>): boolean {
  for (const _ in hash) return false;
  return true;
}
