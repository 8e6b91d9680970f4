import type { AgentEvent } from 'agent-memory';
import type { Colors } from '../output.js';
import { formatTime } from './time.js';

const SHOWN_ELSEWHERE = new Set(['event', 'agent_id', 'ts', 'meta']);

/** `12:04:05  task_claimed  alice  task_id=review-auth token=3`: one event per line. */
export function renderEvent(event: AgentEvent, c: Colors): string {
  const rest = Object.entries(event)
    .filter(([key, value]) => !SHOWN_ELSEWHERE.has(key) && value !== undefined)
    .map(([key, value]) => `${c.dim(`${key}=`)}${fieldText(key, value)}`);
  return [
    c.dim(formatTime(event.ts)),
    colorFor(event.event, c)(event.event.padEnd(18)),
    event.agent_id,
    ...rest,
  ]
    .join('  ')
    .trimEnd();
}

function colorFor(type: AgentEvent['event'], c: Colors): (text: string) => string {
  if (type === 'lease_lost' || type === 'conflict_detected' || type === 'pattern_rejected') return c.red;
  if (type === 'task_completed' || type === 'pattern_promoted' || type === 'conflict_resolved')
    return c.green;
  if (type === 'agent_joined' || type === 'agent_left') return c.dim;
  return c.cyan;
}

function fieldText(key: string, value: unknown): string {
  if (key === 'expires_at' && typeof value === 'number') return formatTime(new Date(value).toISOString());
  return typeof value === 'string' ? value : JSON.stringify(value);
}
