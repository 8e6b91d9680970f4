import { assertId, MemoryError, toMemoryError } from '@agent-memory/core';
import type { Memory } from './memory.js';

export interface TaskReleaseRef {
  taskId: string;
  agentId: string;
  /** The claim's fencing token; when omitted, whatever lease `agentId` holds on the task. */
  token?: number;
}

/**
 * Hands back a claim made by another process (a CLI call, a worker that exited) by agent id and
 * fencing token: a Claim handle only lives in the process that claimed. Publishes `task_released`
 * like Claim.release(). False when that agent (with that token) does not hold the task.
 */
export async function releaseTask(memory: Memory, ref: TaskReleaseRef): Promise<boolean> {
  const taskId = assertId(ref.taskId, 'task id');
  const agentId = assertId(ref.agentId, 'agent id');
  if (ref.token !== undefined && !(Number.isSafeInteger(ref.token) && ref.token > 0)) {
    throw new MemoryError(
      'INVALID_INPUT',
      `invalid token ${String(ref.token)}: must be a positive whole number`,
    );
  }
  const { leases } = memory.adapter;
  let released = false;
  let token: number | undefined;
  try {
    const lease = await leases.get(taskId);
    if (!lease || lease.owner !== agentId || (ref.token !== undefined && lease.token !== ref.token))
      return false;
    token = lease.token;
    released = await leases.release({ resource: taskId, owner: agentId, token });
  } catch (error) {
    throw toMemoryError(error, 'BACKEND_UNAVAILABLE', 'releasing a task');
  }
  if (released) {
    await memory
      .agent(agentId)
      .publish({ event: 'task_released', task_id: taskId, token, reason: 'released' });
  }
  return released;
}
