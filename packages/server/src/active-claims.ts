import type { Agent, Memory } from 'agent-memory';
import { recentCursor } from './events/audit-tail.js';

/** How far back the audit trail is read for claims whose agents never joined (presence). */
const CLAIM_LOOKBACK_MS = 60 * 60 * 1000;

export interface ActiveClaim {
  taskId: string;
  agentId: string;
  token: number;
  /** Epoch ms (the backend's clock) at which the lease lapses unless renewed. */
  expiresAt: number;
  /** Milliseconds left, as seen by this server when it answered. */
  msLeft: number;
}

/**
 * Claims held right now. Leases cannot be listed through the LeaseStore port, so the candidates
 * are the tasks live agents hold (presence) plus those claimed in the last hour (audit trail);
 * each is then checked against its lease, so only live ones are returned.
 */
export async function activeClaims(memory: Memory, reader: Agent): Promise<ActiveClaim[]> {
  const [agents, claimed] = await Promise.all([
    reader.agents(),
    memory.audit({ after: recentCursor(CLAIM_LOOKBACK_MS), types: ['task_claimed'] }),
  ]);
  const taskIds = new Set<string>(agents.flatMap((a) => a.holds));
  for (const entry of claimed) if ('task_id' in entry.event) taskIds.add(entry.event.task_id);
  const owners = await Promise.all([...taskIds].map((taskId) => reader.owner(taskId)));
  const now = Date.now();
  return owners
    .flatMap((owner) => (owner ? [{ ...owner, msLeft: Math.max(0, owner.expiresAt - now) }] : []))
    .sort((a, b) => a.taskId.localeCompare(b.taskId));
}
