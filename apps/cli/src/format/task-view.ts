import type { Memory } from 'agent-memory';
import type { Colors } from '../output.js';
import { table } from './table.js';
import { formatExpiry, formatTime } from './time.js';

/** Who holds a task (coordination's ClaimInfo, which agent-memory does not re-export). */
export type ClaimInfo = NonNullable<Awaited<ReturnType<Memory['tasks']['owner']>>>;

export interface HeldTask extends ClaimInfo {
  role: string;
}

export interface TaskState {
  taskId: string;
  owner: ClaimInfo | null;
  completion: { agentId: string; token: number; completedAt: string } | null;
}

export function renderHeldTasks(
  tasks: HeldTask[],
  agentsAlive: number,
  c: Colors,
  now = Date.now(),
): string[] {
  if (tasks.length === 0) return [c.dim(`no claims held by live agents (${agentsAlive} alive)`)];
  return table(
    ['TASK', 'OWNER', 'ROLE', 'TOKEN', 'EXPIRES'].map((h) => c.bold(h)),
    tasks.map((t) => [t.taskId, t.agentId, t.role, String(t.token), formatExpiry(t.expiresAt, now)]),
  );
}

export function renderTaskState(state: TaskState, c: Colors, now = Date.now()): string {
  return `${state.taskId}: ${describeTaskState(state, c, now)}`;
}

/** `held by alice (token 3), expires in 4m`, `completed by …`, or `free`. */
export function describeTaskState(state: TaskState, c: Colors, now = Date.now()): string {
  if (state.owner) {
    const o = state.owner;
    return `held by ${c.bold(o.agentId)} (token ${o.token}), expires ${formatExpiry(o.expiresAt, now)}`;
  }
  if (state.completion) {
    const done = state.completion;
    return `completed by ${c.bold(done.agentId)} (token ${done.token}) at ${formatTime(done.completedAt)}`;
  }
  return c.green('free');
}
