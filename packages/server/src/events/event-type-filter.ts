import type { AgentEvent } from 'agent-memory';

/** Event type globs as `?types=` and the audit query take them: `task_*`, `conflict_detected`. */
export const EVENT_TYPE_GLOB = /^[a-z_*]{1,64}$/;

/** A predicate over events for a list of type globs; every event when the list is empty. */
export function eventTypeFilter(types: readonly string[] | undefined): (event: AgentEvent) => boolean {
  if (!types || types.length === 0) return () => true;
  const patterns = types.map((glob) => new RegExp(`^${glob.replaceAll('*', '[a-z_]*')}$`));
  return (event) => patterns.some((pattern) => pattern.test(event.event));
}
