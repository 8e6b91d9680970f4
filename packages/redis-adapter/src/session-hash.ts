import {
  isId,
  isPlainJsonObject,
  isText,
  isTimestamp,
  JsonObjectSchema,
  type Session,
  SessionSchema,
} from '@agent-memory/core';
import { checkStored, corrupt, decodeStored, parseStoredJson } from './stored-data.js';

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

/**
 * Reads a session hash (HGETALL as an object or as a flat array); CORRUPT_DATA when malformed.
 * Every read checks what SessionSchema checks, by hand: this is the hottest read there is. Only a
 * hash that fails the check goes through zod, to name what is wrong.
 */
export function sessionFromHash(id: string, hash: Record<string, string> | string[], key: string): Session {
  const fields = Array.isArray(hash) ? pairsToObject(hash) : hash;
  let userId: string | undefined;
  let project = '';
  let startedAt: string | undefined;
  let context: string | undefined;
  const extra: Record<string, string> = {};
  let extraValid = true;
  for (const name in fields) {
    const value = fields[name]!;
    switch (name) {
      case 'user_id':
        userId = value;
        break;
      case 'project':
        project = value;
        break;
      case 'started_at':
        startedAt = value;
        break;
      case 'context':
        context = value;
        break;
      default:
        extra[name] = value;
        extraValid &&= isText(name, 1, 64) && isText(value, 0, 4096);
    }
  }
  if (userId === undefined || startedAt === undefined) {
    throw corrupt(key, 'session hash lacks user_id or started_at');
  }
  startedAt = normalizeTimestamp(startedAt);
  const parsed = context === undefined || context === '' ? {} : parseStoredJson(context, key, 'context');
  if (
    extraValid &&
    isId(userId) &&
    isText(project, 0, 1024) &&
    isTimestamp(startedAt) &&
    isPlainJsonObject(parsed)
  ) {
    return { id, userId, project, startedAt, context: parsed, fields: extra };
  }
  return checkStored(
    SessionSchema,
    {
      id,
      userId,
      project,
      startedAt,
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
  if (isTimestamp(value)) return value;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}
