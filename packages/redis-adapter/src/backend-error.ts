import { type ErrorCode, MemoryError } from '@agent-memory/core';

/** Where a failed call was going: named in the error so an operator can find the key. */
export interface BackendErrorContext {
  operation: string;
  key?: string;
}

// Reply prefixes that mean "the server cannot serve this right now", not "the request is wrong".
const UNAVAILABLE_REPLIES = [
  'LOADING',
  'BUSY',
  'MASTERDOWN',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'READONLY',
  'OOM',
  'NOREPLICAS',
  'MISCONF',
];
const FORBIDDEN_REPLIES = ['NOPERM', 'NOAUTH', 'WRONGPASS'];
// Errors our own Lua scripts raise with redis.error_reply('CORRUPT_DATA …').
const CORRUPT_REPLIES = ['WRONGTYPE', 'CORRUPT_DATA'];

const TRANSPORT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const TRANSPORT_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
const TRANSPORT_MESSAGES =
  /timed out|Connection is closed|Stream isn't writeable|Socket closed|Too many Cluster redirections|None of startup nodes|Failed to refresh slots|Cluster isn't ready|Redis connection to|connect E/i;

/**
 * Turns anything ioredis throws into a MemoryError: transport trouble (timeouts, refused or lost
 * connections, failover replies) is BACKEND_UNAVAILABLE so callers can degrade, a key of the wrong
 * type is CORRUPT_DATA (another client wrote it), ACL refusals are FORBIDDEN.
 */
export function toBackendError(error: unknown, context: BackendErrorContext): MemoryError {
  if (error instanceof MemoryError) return error;
  const code = classify(error);
  const text = error instanceof Error ? error.message : String(error);
  const where = context.key === undefined ? '' : ` (key ${context.key})`;
  const details: Record<string, unknown> = { operation: context.operation };
  if (context.key !== undefined) details.key = context.key;
  return new MemoryError(code, `redis ${context.operation} failed${where}: ${text}`, {
    cause: error,
    details,
  });
}

function classify(error: unknown): ErrorCode {
  if (!(error instanceof Error)) return 'INTERNAL';
  if (error.name === 'ReplyError') {
    const prefix = replyPrefix(error.message);
    if (CORRUPT_REPLIES.includes(prefix)) return 'CORRUPT_DATA';
    if (prefix === 'NOGROUP') return 'NOT_FOUND';
    if (FORBIDDEN_REPLIES.includes(prefix)) return 'FORBIDDEN';
    if (UNAVAILABLE_REPLIES.includes(prefix)) return 'BACKEND_UNAVAILABLE';
    return 'INTERNAL';
  }
  const errno = (error as { code?: unknown }).code;
  if (typeof errno === 'string' && TRANSPORT_CODES.has(errno)) return 'BACKEND_UNAVAILABLE';
  if (TRANSPORT_NAMES.has(error.name) || TRANSPORT_MESSAGES.test(error.message)) return 'BACKEND_UNAVAILABLE';
  return 'INTERNAL';
}

// Script errors arrive as "ERR user_script:12: CORRUPT_DATA …" on some versions and as the bare
// reply on others, so the first upper-case word that is a known prefix wins.
function replyPrefix(message: string): string {
  const known = [...CORRUPT_REPLIES, ...FORBIDDEN_REPLIES, ...UNAVAILABLE_REPLIES, 'NOGROUP'];
  const first = message.split(/\s/, 1)[0] ?? '';
  if (known.includes(first)) return first;
  const embedded = known.find((prefix) => new RegExp(`(^|[\\s:])${prefix}\\b`).test(message));
  return embedded ?? first;
}
