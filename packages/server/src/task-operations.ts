import type { Agent, Claim, JsonObject, JsonValue, Memory } from 'agent-memory';

type Completion = Awaited<ReturnType<Agent['complete']>>;

import { assertId, MemoryError, releaseTask } from 'agent-memory';
import type { ActingAgents } from './acting-agents.js';
import type { Caller } from './auth/caller.js';

export interface ClaimView {
  taskId: string;
  agentId: string;
  token: number;
  expiresAt: number;
  leaseMs: number;
}

export type ClaimOutcome =
  | { claimed: true; claim: ClaimView }
  | {
      claimed: false;
      /** Who holds it now; null when nobody does (the task is completed, or it just lapsed). */
      owner: { taskId: string; agentId: string; token: number; expiresAt: number } | null;
      completed: boolean;
    };

export function claimView(claim: Claim): ClaimView {
  return {
    taskId: claim.taskId,
    agentId: claim.agentId,
    token: claim.token,
    expiresAt: claim.expiresAt,
    leaseMs: claim.leaseMs,
  };
}

/**
 * Task claims for callers that only have ids (MCP tools, HTTP requests). The Claim handle, and
 * with it the heartbeat that keeps the lease, lives in this server process; release and complete
 * find it again by task and agent. A claim made elsewhere is handled by agent id and token.
 */
export class TaskOperations {
  constructor(
    private readonly memory: Memory,
    private readonly agents: ActingAgents,
  ) {}

  async claim(
    taskId: string,
    caller: Caller,
    agentId: string | undefined,
    options: { leaseMs?: number; meta?: JsonObject } = {},
  ): Promise<ClaimOutcome> {
    assertId(taskId, 'task id');
    const agent = await this.agents.act(caller, agentId);
    const claim = await agent.claim(taskId, options);
    if (claim) return { claimed: true, claim: claimView(claim) };
    const reader = this.agents.reader();
    const [owner, completion] = await Promise.all([reader.owner(taskId), reader.completion(taskId)]);
    return { claimed: false, owner, completed: completion !== null };
  }

  /** True when the claim was handed back; false when that agent (with that token) did not hold it. */
  async release(taskId: string, caller: Caller, given: string | undefined, token?: number): Promise<boolean> {
    assertId(taskId, 'task id');
    const agentId = (await this.agents.act(caller, given)).id;
    const held = this.agents.heldClaim(taskId, agentId);
    if (held && (token === undefined || held.token === token)) return held.release();
    return releaseTask(this.memory, { taskId, agentId, ...(token === undefined ? {} : { token }) });
  }

  /**
   * Completes once. LEASE_LOST when the agent's token is stale, CONFLICT when already completed,
   * NOT_FOUND when the agent holds no claim on the task and gave no token.
   */
  async complete(
    taskId: string,
    caller: Caller,
    given: string | undefined,
    token?: number,
    result?: JsonValue,
  ): Promise<Completion> {
    assertId(taskId, 'task id');
    const agent = await this.agents.act(caller, given);
    const agentId = agent.id;
    const held = this.agents.heldClaim(taskId, agentId);
    if (held && (token === undefined || held.token === token)) return agent.complete(held, result);
    let fence = token;
    if (fence === undefined) {
      const owner = await agent.owner(taskId);
      if (!owner || owner.agentId !== agentId) {
        throw new MemoryError('NOT_FOUND', `agent "${agentId}" holds no claim on task "${taskId}"`, {
          details: { taskId, agentId, holder: owner?.agentId ?? null },
        });
      }
      fence = owner.token;
    }
    return agent.complete({ taskId, token: fence }, result);
  }
}
