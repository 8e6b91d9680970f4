import type { Pattern, PatternFilter } from '@agent-memory/core';

/** Ids named in any pattern's `supersedes`: hidden from list and search unless asked for. */
export function supersededIds(patterns: Iterable<Pattern>): Set<string> {
  const ids = new Set<string>();
  for (const pattern of patterns) for (const id of pattern.supersedes) ids.add(id);
  return ids;
}

/** Builds a predicate for a parsed filter (limit is applied by the caller). */
export function patternPredicate(
  filter: PatternFilter,
  superseded: ReadonlySet<string>,
): (pattern: Pattern) => boolean {
  const tag = filter.tag?.toLowerCase();
  const file = filter.file === undefined ? undefined : normalizePath(filter.file);
  const since = filter.since === undefined ? undefined : Date.parse(filter.since);
  return (pattern) =>
    (filter.kind === undefined || pattern.kind === filter.kind) &&
    (tag === undefined || pattern.tags.some((t) => t.toLowerCase() === tag)) &&
    (file === undefined || pattern.files.some((f) => pathsOverlap(normalizePath(f), file))) &&
    (filter.author === undefined || pattern.author === filter.author) &&
    (since === undefined || Date.parse(pattern.updated) >= since) &&
    (filter.includeSuperseded === true || !superseded.has(pattern.id));
}

/** Newest first: what an agent recalling memory wants to see first. Ties by id for a stable order. */
export function byRecency(a: Pattern, b: Pattern): number {
  return Date.parse(b.updated) - Date.parse(a.updated) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function normalizePath(value: string): string {
  return value.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** The same file, or one is a folder containing the other (`src/db` matches `src/db/pool.ts`). */
function pathsOverlap(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`);
}
