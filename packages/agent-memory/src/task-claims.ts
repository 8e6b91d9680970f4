import type {
  Agent,
  Claim,
  ClaimInfo,
  ClaimOptions,
  Completion,
  WaitForOptions,
} from '@agent-memory/coordination';
import type { JsonValue } from '@agent-memory/core';

/** Task claiming by agent id, for callers that do not keep Agent handles. */
export interface TaskClaims {
  /** The claim, or null when another agent holds the task (or it is completed). */
  claim(taskId: string, agentId: string, options?: ClaimOptions): Promise<Claim | null>;
  /** Waits until the task frees up and claims it; null on timeout or abort. */
  waitFor(taskId: string, agentId: string, options?: WaitForOptions): Promise<Claim | null>;
  release(claim: Claim): Promise<boolean>;
  complete(claim: Claim, result?: JsonValue): Promise<Completion>;
  owner(taskId: string): Promise<ClaimInfo | null>;
}

export function createTaskClaims(agentFor: (agentId: string) => Agent): TaskClaims {
  return {
    claim: (taskId, agentId, options) => agentFor(agentId).claim(taskId, options),
    waitFor: (taskId, agentId, options) => agentFor(agentId).waitFor(taskId, options),
    release: (claim) => agentFor(claim.agentId).release(claim),
    complete: (claim, result) => agentFor(claim.agentId).complete(claim, result),
    owner: (taskId) => agentFor('agent-memory').owner(taskId),
  };
}
