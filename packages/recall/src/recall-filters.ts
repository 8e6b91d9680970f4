import type { ConversationMessage, Pattern, VectorCondition } from '@agent-memory/core';
import type { ParsedRecallOptions } from './recall-options.js';

type Filters = ParsedRecallOptions['filters'];

const toMs = (t: string | number | undefined) =>
  t === undefined ? undefined : typeof t === 'number' ? t : Date.parse(t);
const list = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/** Whether any pattern can pass the filters (message-only filters rule patterns out). */
export function patternsEligible(filters: Filters): boolean {
  return filters.role === undefined && filters.sessionId === undefined;
}

/** Whether any message can pass the filters (a kind rules messages out: they have none). */
export function messagesEligible(filters: Filters): boolean {
  return filters.kind === undefined;
}

function timeRange(filters: Filters): { gte?: number; lte?: number } | undefined {
  const since = toMs(filters.since);
  const until = toMs(filters.until);
  if (since === undefined && until === undefined) return undefined;
  return { ...(since !== undefined ? { gte: since } : {}), ...(until !== undefined ? { lte: until } : {}) };
}

/** The VectorIndex conditions for the pattern collection (attributes written by PatternVectors). */
export function patternWhere(filters: Filters): Record<string, VectorCondition> {
  const where: Record<string, VectorCondition> = { superseded: false };
  const kinds = list(filters.kind);
  if (kinds) where.kind = { anyOf: kinds };
  if (filters.tags?.length) where.tags = { allOf: filters.tags };
  const range = timeRange(filters);
  if (range) where.updated = range;
  return where;
}

/** The VectorIndex conditions for a conversation collection (attributes written by ConversationIndex). */
export function messageWhere(filters: Filters): Record<string, VectorCondition> | undefined {
  const where: Record<string, VectorCondition> = {};
  const roles = list(filters.role);
  if (roles) where.role = { anyOf: roles };
  if (filters.sessionId) where.sessionId = filters.sessionId;
  if (filters.tags?.length) where.tags = { allOf: filters.tags };
  const range = timeRange(filters);
  if (range) where.ts = range;
  return Object.keys(where).length > 0 ? where : undefined;
}

export function patternMatches(pattern: Pattern, filters: Filters): boolean {
  const kinds = list(filters.kind);
  if (kinds && !kinds.includes(pattern.kind)) return false;
  if (filters.tags && !filters.tags.every((t) => pattern.tags.includes(t))) return false;
  const updated = Date.parse(pattern.updated);
  const since = toMs(filters.since);
  const until = toMs(filters.until);
  return (since === undefined || updated >= since) && (until === undefined || updated <= until);
}

/** The tags of a message: `meta.tags` when it is a list of strings. */
export function messageTags(message: ConversationMessage): string[] {
  const tags = message.meta?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

/** Whether any filter applies to messages at all (none: the full-text search skips filtering). */
export function hasMessageFilters(filters: Filters): boolean {
  const { role, sessionId, tags, since, until } = filters;
  return (
    role !== undefined ||
    sessionId !== undefined ||
    (tags?.length ?? 0) > 0 ||
    since !== undefined ||
    until !== undefined
  );
}

export function messageMatches(message: ConversationMessage, filters: Filters): boolean {
  const roles = list(filters.role);
  if (roles && !roles.includes(message.role)) return false;
  if (filters.sessionId && message.sessionId !== filters.sessionId) return false;
  const tags = messageTags(message);
  if (filters.tags && !filters.tags.every((t) => tags.includes(t))) return false;
  const ts = Date.parse(message.ts);
  const since = toMs(filters.since);
  const until = toMs(filters.until);
  return (since === undefined || ts >= since) && (until === undefined || ts <= until);
}
