import type { AgentEvent } from '@agent-memory/core';

/**
 * Builds a predicate over event types from globs such as `task_*` or `conflict_detected`.
 * Only `*` is special: event types are plain snake_case words.
 */
export function eventTypeFilter(types: readonly string[] | undefined): (event: AgentEvent) => boolean {
  if (types === undefined || types.length === 0) return () => true;
  const patterns = types.map((glob) => new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`));
  return (event) => patterns.some((pattern) => pattern.test(event.event));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
