import type { AgentEvent } from 'agent-memory';

export interface EventFilter {
  taskId?: string;
  agentId?: string;
}

/**
 * The live-stream side of what `audit({ taskId, agentId })` filters on the log: the task is the
 * event's task_id, or the one candidate events carry in meta.
 */
export function matchesEvent(event: AgentEvent, filter: EventFilter): boolean {
  if (filter.agentId !== undefined && event.agent_id !== filter.agentId) return false;
  if (filter.taskId === undefined) return true;
  const taskId = 'task_id' in event ? event.task_id : event.meta?.task_id;
  return taskId === filter.taskId;
}
