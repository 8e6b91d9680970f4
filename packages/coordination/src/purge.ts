import { assertId } from '@agent-memory/core';
import type { ClaimService } from './claims.js';
import type { ConflictService } from './conflicts.js';
import type { CoordinationContext } from './context.js';
import type { FindingService } from './findings.js';
import { callPort } from './record-codec.js';
import { COLLECTIONS } from './settings.js';
import type { StagingService } from './staging.js';

export interface PurgeResult {
  /** The holder whose lease was broken, if any. */
  releasedFrom: string | null;
  findingsCleared: number;
  completionDeleted: boolean;
  conflictsDeleted: number;
  candidatesDeleted: number;
}

/**
 * Forgets everything coordination keeps about one task: breaks its lease, clears its findings and
 * deletes its completion, conflicts and candidates. The audit trail keeps the history.
 */
export async function purgeTask(
  ctx: CoordinationContext,
  services: {
    claims: ClaimService;
    findings: FindingService;
    conflicts: ConflictService;
    staging: StagingService;
  },
  agentId: string,
  taskId: string,
): Promise<PurgeResult> {
  assertId(taskId, 'task id');
  ctx.assertOpen();
  const { adapter } = ctx;
  const owner = await services.claims.owner(taskId);
  let releasedFrom: string | null = null;
  if (owner) {
    const released = await callPort('breaking a lease', () =>
      adapter.leases.release({ resource: taskId, owner: owner.agentId, token: owner.token }),
    );
    if (released) releasedFrom = owner.agentId;
  }
  const findingsCleared = await callPort('counting findings', () => adapter.findings.count(taskId));
  await services.findings.clear(taskId);
  const completionDeleted = await callPort('deleting a completion', () =>
    adapter.records.delete(COLLECTIONS.completions, taskId),
  );
  const conflictsDeleted = await services.conflicts.purge(taskId);
  const candidatesDeleted = await services.staging.purge(taskId);
  // No event type says "purged"; a task_released marked as such keeps the step in the audit trail.
  await ctx.emit({
    event: 'task_released',
    agent_id: agentId,
    task_id: taskId,
    ...(owner && releasedFrom ? { token: owner.token } : {}),
    reason: 'released',
    ts: ctx.now(),
    meta: { purged: true, owner: releasedFrom, findings_cleared: findingsCleared },
  });
  return { releasedFrom, findingsCleared, completionDeleted, conflictsDeleted, candidatesDeleted };
}
