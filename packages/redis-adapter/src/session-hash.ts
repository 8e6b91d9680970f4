import { JsonObjectSchema, type Session, SessionSchema, TimestampSchema } from '@agent-memory/core';
import { checkStored, corrupt, decodeStored } from './stored-data.js';

/**
 * The session HASH layout of the wire protocol: `user_id`, `project`, `started_at` (ISO 8601),
 * `context` (JSON object) and any extra string fields beside them.
 */
export function sessionToHash(session: Omit<Session, 'id'>): string[] {
  const pairs = [
    'user_id',
    session.userId,
    'project',
    session.project,
    'started_at',
    session.startedAt,
    'context',
    JSON.stringify(session.context),
  ];
  for (const [field, value] of Object.entries(session.fields)) pairs.push(field, value);
  return pairs;
}

/** Reads a session hash (HGETALL as an object or as a flat array); CORRUPT_DATA when malformed. */
export function sessionFromHash(id: string, hash: Record<string, string> | string[], key: string): Session {
  const fields = Array.isArray(hash) ? pairsToObject(hash) : hash;
  const { user_id, project, started_at, context, ...extra } = fields;
  if (user_id === undefined || started_at === undefined) {
    throw corrupt(key, 'session hash lacks user_id or started_at');
  }
  return checkStored(
    SessionSchema,
    {
      id,
      userId: user_id,
      project: project ?? '',
      startedAt: normalizeTimestamp(started_at),
      context:
        context === undefined || context === ''
          ? {}
          : decodeStored(JsonObjectSchema, context, key, 'context'),
      fields: extra,
    },
    key,
    'session',
  );
}

function pairsToObject(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) out[pairs[i]!] = pairs[i + 1]!;
  return out;
}

// Python's datetime.now().isoformat() has no offset ("2025-12-01T10:00:00.123456"); rather than
// reject every session such an agent writes, read it as Date.parse does (local time of this host)
// and report it in UTC.
function normalizeTimestamp(value: string): string {
  if (TimestampSchema.safeParse(value).success) return value;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}
