import {
  type AgentEvent,
  type AgentEventInput,
  type Finding,
  type JsonObject,
  type JsonValue,
  MemoryError,
  parseInput,
  type Subscription,
} from '@agent-memory/core';
import type { AgentEventSubscribeOptions, ReceivedFrom } from './agent-event-bus.js';
import type { AgentEventStream, AgentEventStreamOptions } from './agent-event-stream.js';
import type { AuditEntry, AuditQuery } from './audit.js';
import type { Candidate, CandidateFilter, PromoteInput, RejectInput, StageInput } from './candidate.js';
import { Claim, type ClaimRef, ClaimRefSchema } from './claim.js';
import type { ClaimInfo, ClaimListener, ClaimOptions, ClaimService } from './claims.js';
import type { Completion } from './completion.js';
import type { Conflict, ResolveInput } from './conflict.js';
import type { ConflictFilter, ConflictService } from './conflicts.js';
import type { CoordinationContext } from './context.js';
import type { FindingService, ShareInput } from './findings.js';
import type { AgentPresence, PresenceBeacon, PresenceService } from './presence.js';
import { type PurgeResult, purgeTask } from './purge.js';
import { type Action, authorize, type Role } from './roles.js';
import type { Promotion, StagingService } from './staging.js';
import { type WaitForOptions, waitForTask } from './wait-for.js';

export interface CoordinationServices {
  claims: ClaimService;
  findings: FindingService;
  conflicts: ConflictService;
  presence: PresenceService;
  staging: StagingService;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as an agent publishes it: `agent_id` is the agent's, `ts` defaults to now. */
export type AgentEventDraft = DistributiveOmit<AgentEventInput, 'agent_id' | 'ts'> & { ts?: string };

/**
 * One agent acting through the coordinator. Every method checks the agent's role first (FORBIDDEN
 * otherwise): observers read, contributors also claim, share and stage, validators also promote,
 * reject and resolve conflicts, stewards may also purge.
 */
export class Agent {
  readonly #held = new Map<string, Claim>();
  readonly #beacon: PresenceBeacon;
  readonly #listener: ClaimListener;

  constructor(
    readonly id: string,
    readonly role: Role,
    private readonly ctx: CoordinationContext,
    private readonly services: CoordinationServices,
  ) {
    this.#beacon = services.presence.beacon(id, role, () => [...this.#held.keys()]);
    this.#listener = {
      held: (claim) => {
        this.#held.set(claim.taskId, claim);
        this.#beacon.touch();
      },
      ended: (claim) => {
        if (this.#held.get(claim.taskId) === claim) this.#held.delete(claim.taskId);
        this.#beacon.touch();
      },
    };
  }

  // ── presence ────────────────────────────────────────────────────────────────────────────────

  /** Announces the agent (agent_joined) and keeps its presence record alive on a heartbeat. */
  async join(meta?: JsonObject): Promise<AgentPresence> {
    this.#authorize('read');
    return this.#beacon.join(meta);
  }

  /** Releases every claim the agent holds, removes its presence and publishes agent_left. */
  async leave(): Promise<void> {
    for (const claim of [...this.#held.values()]) await claim.release();
    await this.#beacon.leave();
  }

  /** Every live agent and the tasks it holds. */
  async agents(): Promise<AgentPresence[]> {
    this.#authorize('read');
    return this.services.presence.list();
  }

  // ── claims ──────────────────────────────────────────────────────────────────────────────────

  /** Claims a task, or null when someone else holds it or it is already completed. */
  async claim(taskId: string, options?: ClaimOptions): Promise<Claim | null> {
    this.#authorize('claim');
    return this.services.claims.claim(this.id, taskId, options, this.#listener);
  }

  /** Waits until the task frees up and claims it; null on timeout, abort, or if it gets completed. */
  async waitFor(taskId: string, options: WaitForOptions = {}): Promise<Claim | null> {
    this.#authorize('claim');
    return waitForTask(this.ctx, this.services.claims, this.id, taskId, options, this.#listener);
  }

  /** Claims this agent holds in this process. */
  held(): Claim[] {
    return [...this.#held.values()];
  }

  async owner(taskId: string): Promise<ClaimInfo | null> {
    this.#authorize('read');
    return this.services.claims.owner(taskId);
  }

  async completion(taskId: string): Promise<Completion | null> {
    this.#authorize('read');
    return this.services.claims.completion(taskId);
  }

  /**
   * Completes a task exactly once, with the fencing token of `claim` (a Claim, or `{ taskId, token }`
   * from another process). LEASE_LOST when the token is stale, CONFLICT when already completed.
   */
  async complete(claim: Claim | ClaimRef, result?: JsonValue): Promise<Completion> {
    this.#authorize('claim');
    if (claim instanceof Claim) {
      this.#assertOwn(claim);
      return claim.complete(result);
    }
    const ref = parseInput(ClaimRefSchema, claim, 'claim ref');
    const live = this.#held.get(ref.taskId);
    if (live && live.token === ref.token) return live.complete(result);
    const completion = await this.services.claims.complete(this.id, ref, result);
    // A claim of ours with an older token cannot still be valid once a newer one completed.
    if (live) live.markLost();
    return completion;
  }

  /** Hands a claim back; false when its lease had already lapsed. */
  async release(claim: Claim): Promise<boolean> {
    this.#authorize('claim');
    this.#assertOwn(claim);
    return claim.release();
  }

  // ── findings and conflicts ──────────────────────────────────────────────────────────────────

  /** Shares a finding on a task (authored by this agent) and checks its subject for disagreement. */
  async share(taskId: string, finding: ShareInput): Promise<Finding> {
    this.#authorize('share');
    return this.services.findings.share(this.id, taskId, finding);
  }

  async findings(taskId: string): Promise<Finding[]> {
    this.#authorize('read');
    return this.services.findings.list(taskId);
  }

  /** Conflicts (open ones by default), oldest first. */
  async conflicts(filter?: ConflictFilter): Promise<Conflict[]> {
    this.#authorize('read');
    return this.services.conflicts.list(filter);
  }

  async conflict(id: string): Promise<Conflict | null> {
    this.#authorize('read');
    return this.services.conflicts.get(id);
  }

  async resolveConflict(id: string, resolution: ResolveInput): Promise<Conflict> {
    this.#authorize('resolve');
    return this.services.conflicts.resolve(this.id, id, resolution);
  }

  // ── staging and promotion ───────────────────────────────────────────────────────────────────

  /** Stages agreeing findings as a candidate pattern (24 h TTL by default). */
  async stage(input: StageInput): Promise<Candidate> {
    this.#authorize('stage');
    return this.services.staging.stage(this.id, input);
  }

  async candidates(filter?: CandidateFilter): Promise<Candidate[]> {
    this.#authorize('read');
    return this.services.staging.list(filter);
  }

  async candidate(id: string): Promise<Candidate | null> {
    this.#authorize('read');
    return this.services.staging.get(id);
  }

  /** Saves a staged candidate to the PatternStore, once; CONFLICT if it was already decided. */
  async promote(candidateId: string, input?: PromoteInput): Promise<Promotion> {
    this.#authorize('promote');
    return this.services.staging.promote(this.id, candidateId, input);
  }

  async reject(candidateId: string, input: RejectInput): Promise<Candidate> {
    this.#authorize('reject');
    return this.services.staging.reject(this.id, candidateId, input);
  }

  // ── events and audit ────────────────────────────────────────────────────────────────────────

  /** Publishes (and audits) an event as this agent, e.g. `{ event: 'analysis_complete', … }`. */
  async publish(event: AgentEventDraft): Promise<AgentEvent> {
    this.#authorize('publish');
    if ('agent_id' in event && event.agent_id !== this.id) {
      throw new MemoryError('FORBIDDEN', `agent "${this.id}" may not publish as "${String(event.agent_id)}"`);
    }
    this.ctx.assertOpen();
    return this.ctx.emit({ ts: this.ctx.now(), ...event, agent_id: this.id } as AgentEventInput);
  }

  async subscribe(
    handler: (event: AgentEvent, from: ReceivedFrom) => void,
    options?: AgentEventSubscribeOptions,
  ): Promise<Subscription> {
    this.#authorize('read');
    return this.ctx.bus.subscribe(handler, options);
  }

  events(options?: AgentEventSubscribeOptions & AgentEventStreamOptions): AgentEventStream {
    this.#authorize('read');
    return this.ctx.bus.events(options);
  }

  async audit(query?: AuditQuery): Promise<AuditEntry[]> {
    this.#authorize('read');
    return this.ctx.audit.query(query);
  }

  // ── stewardship ─────────────────────────────────────────────────────────────────────────────

  /** Forgets a task entirely: lease, findings, completion, conflicts, candidates. */
  async purge(taskId: string): Promise<PurgeResult> {
    this.#authorize('purge');
    return purgeTask(this.ctx, this.services, this.id, taskId);
  }

  #authorize(action: Action): void {
    authorize(this.id, this.role, action);
  }

  #assertOwn(claim: Claim): void {
    if (claim.agentId !== this.id) {
      throw new MemoryError(
        'FORBIDDEN',
        `agent "${this.id}" cannot act on a claim held by "${claim.agentId}"`,
        {
          details: { taskId: claim.taskId, holder: claim.agentId },
        },
      );
    }
  }
}
