import type { Pattern, PatternKind } from '@agent-memory/core';

export type ChangeVerb = 'add' | 'update' | 'remove';

export interface PatternChange {
  verb: ChangeVerb;
  id: string;
  kind: PatternKind;
  title: string;
}

export interface CommitTrailers {
  agentId?: string;
  sessionId?: string;
}

/** Every commit the store makes starts with this, so people and `extract()` can tell them apart. */
export const COMMIT_PREFIX = 'memory:';

const SUBJECT_TITLE_MAX = 60;

/**
 * `memory: add bug-fix "Pool exhaustion under load"` for one change, `memory: save 3 patterns
 * (2 added, 1 updated)` with one line per pattern in the body for a batch; then the caller's
 * message, then `Pattern-Id:`, `Agent-Id:` and `Session-Id:` trailers. Returned as paragraphs for `git commit -m`.
 */
export function commitMessage(
  changes: PatternChange[],
  note: string | undefined,
  trailers: CommitTrailers,
): string[] {
  const paragraphs: string[] = [];
  const [only] = changes;
  if (changes.length === 1 && only) {
    paragraphs.push(`${COMMIT_PREFIX} ${describe(only)}`);
  } else {
    paragraphs.push(`${COMMIT_PREFIX} save ${changes.length} patterns (${countByVerb(changes)})`);
    paragraphs.push(changes.map((change) => `- ${describe(change)} (${change.id})`).join('\n'));
  }
  const trimmedNote = note?.trim();
  if (trimmedNote) paragraphs.push(trimmedNote);
  const lines = changes.map((change) => `Pattern-Id: ${change.id}`);
  if (trailers.agentId) lines.push(`Agent-Id: ${trailers.agentId}`);
  if (trailers.sessionId) lines.push(`Session-Id: ${trailers.sessionId}`);
  paragraphs.push(lines.join('\n'));
  return paragraphs;
}

export function changeFor(verb: ChangeVerb, pattern: Pick<Pattern, 'id' | 'kind' | 'title'>): PatternChange {
  return { verb, id: pattern.id, kind: pattern.kind, title: pattern.title };
}

function describe(change: PatternChange): string {
  return `${change.verb} ${change.kind} "${oneLine(change.title)}"`;
}

function oneLine(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  return flat.length > SUBJECT_TITLE_MAX ? `${flat.slice(0, SUBJECT_TITLE_MAX - 1)}…` : flat;
}

function countByVerb(changes: PatternChange[]): string {
  const done = { add: 'added', update: 'updated', remove: 'removed' } as const;
  return (['add', 'update', 'remove'] as const)
    .map((verb) => [verb, changes.filter((c) => c.verb === verb).length] as const)
    .filter(([, count]) => count > 0)
    .map(([verb, count]) => `${count} ${done[verb]}`)
    .join(', ');
}

/** Reads `Agent-Id:` / `Session-Id:` back out of a commit body. */
export function parseTrailers(body: string): CommitTrailers {
  const agentId = /^Agent-Id:\s*(\S+)\s*$/m.exec(body)?.[1];
  const sessionId = /^Session-Id:\s*(\S+)\s*$/m.exec(body)?.[1];
  return { ...(agentId ? { agentId } : {}), ...(sessionId ? { sessionId } : {}) };
}
