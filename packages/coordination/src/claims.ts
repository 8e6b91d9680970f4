import {
  assertId,
  DurationMsSchema,
  isMemoryError,
  JsonObjectSchema,
  type JsonValue,
  type LeaseRef,
  MemoryError,
  parseInput,
  toMemoryError,
} from '@agent-memory/core';
import { z } from 'zod';
import { Claim, type ClaimOperations, type ClaimRef, type ClaimState } from './claim.js';
import { type Completion, CompletionSchema } from './completion.js';
import type { CoordinationContext, Stoppable } from './context.js';
import { callPort, decodeRecord, encodeRecord } from './record-codec.js';
import { COLLECTIONS } from './settings.js';

export const ClaimOptionsSchema = z
  .object({
    /** Lease length (default: the coordinator's leaseMs). */
    leaseMs: DurationMsSchema.optional(),
    /** Renew automatically until released (default true); false leaves renewal to `claim.renew()`. */
    heartbeat: z.boolean().default(true),
    /** Extra data published with the task_claimed event. */
    meta: JsonObjectSchema.optional(),
  })
  .strict();
export type ClaimOptions = z.input<typeof ClaimOptionsSchema>;

/** Who holds a task right now. */
export interface ClaimInfo {
  taskId: string;
  agentId: string;
  token: number;
  expiresAt: number;
}

/** Told when one agent's claims start and stop (presence lists what each agent holds). */
export interface ClaimListener {
  held(claim: Claim): void;
  ended(claim: Claim, state: Exclude<ClaimState, 'held'>): void;
}

/**
 * Task claiming over LeaseStore (exclusive, fenced, expiring) plus a completions collection in
 * RecordStore (written once per task with `ifAbsent`).
 */
export class ClaimService {
  readonly #stoppers = new Map<Claim, Stoppable>();

  constructor(private readonly ctx: CoordinationContext) {}

  /** The claim, or null when someone else holds the task or it is already completed. */
  async claim(
    agentId: string,
    taskId: string,
    options: ClaimOptions = {},
    listener?: ClaimListener,
  ): Promise<Claim | null> {
    assertId(taskId, 'task id');
    const opts = parseInput(ClaimOptionsSchema, options, 'claim options');
    this.ctx.assertOpen();
    const leaseMs = opts.leaseMs ?? this.ctx.settings.leaseMs;
    const { leases } = this.ctx.adapter;
    if (await this.completion(taskId)) return null;
    const lease = await callPort('claiming a task', () => leases.acquire(taskId, agentId, leaseMs));
    if (!lease) return null;
    const ref: LeaseRef = { resource: taskId, owner: agentId, token: lease.token };
    // The previous holder writes its completion before releasing, so once we hold the lease a
    // completion is either visible now or will never be written by anyone else.
    let completed: boolean;
    try {
      completed = (await this.completion(taskId)) !== null;
    } catch (error) {
      await leases.release(ref).catch(() => false);
      throw error;
    }
    if (completed) {
      await callPort('releasing a completed task', () => leases.release(ref));
      return null;
    }
    const heartbeatMs = opts.heartbeat
      ? Math.max(1, Math.min(this.ctx.settings.heartbeatMs, Math.floor(leaseMs / 3)))
      : undefined;
    const claim = new Claim(
      { taskId, agentId, token: lease.token, expiresAt: lease.expiresAt, leaseMs },
      this.#operations(listener),
      this.ctx.clock,
      heartbeatMs,
    );
    const stopper = { stop: () => claim.abandon() };
    this.#stoppers.set(claim, stopper);
    this.ctx.track(stopper);
    listener?.held(claim);
    await this.ctx.emit({
      event: 'task_claimed',
      agent_id: agentId,
      task_id: taskId,
      token: lease.token,
      expires_at: lease.expiresAt,
      ts: this.ctx.now(),
      ...(opts.meta === undefined ? {} : { meta: opts.meta }),
    });
    return claim;
  }

  async owner(taskId: string): Promise<ClaimInfo | null> {
    assertId(taskId, 'task id');
    const lease = await callPort('reading a task owner', () => this.ctx.adapter.leases.get(taskId));
    if (!lease) return null;
    return { taskId, agentId: lease.owner, token: lease.token, expiresAt: lease.expiresAt };
  }

  async completion(taskId: string): Promise<Completion | null> {
    assertId(taskId, 'task id');
    const record = await callPort('reading a completion', () =>
      this.ctx.adapter.records.get(COLLECTIONS.completions, taskId),
    );
    return record ? decodeRecord(CompletionSchema, record, 'completion') : null;
  }

  /**
   * Completes a task exactly once. The fencing token must still hold the lease (checked by renewing
   * it, which also keeps it through the write); a stale token is LEASE_LOST, and a task someone
   * already completed is CONFLICT.
   */
  async complete(
    agentId: string,
    ref: ClaimRef,
    result: JsonValue | undefined,
    leaseMs?: number,
  ): Promise<Completion> {
    this.ctx.assertOpen();
    const { leases, records } = this.ctx.adapter;
    const leaseRef: LeaseRef = { resource: ref.taskId, owner: agentId, token: ref.token };
    const completion = parseInput(
      CompletionSchema,
      {
        taskId: ref.taskId,
        agentId,
        token: ref.token,
        completedAt: this.ctx.now(),
        ...(result === undefined ? {} : { result }),
      },
      'completion',
    );
    try {
      await leases.renew(leaseRef, leaseMs ?? this.ctx.settings.leaseMs);
    } catch (error) {
      if (isMemoryError(error, 'LEASE_LOST')) throw await this.#staleToken(agentId, ref, error);
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', 'checking the lease before completing');
    }
    const stored = await callPort('recording a completion', () =>
      records.put(COLLECTIONS.completions, ref.taskId, encodeRecord(completion), {
        ttlMs: this.ctx.settings.recordTtlMs,
        ifAbsent: true,
      }),
    );
    if (!stored) {
      await leases.release(leaseRef).catch(() => false);
      const existing = await this.completion(ref.taskId).catch(() => null);
      throw new MemoryError('CONFLICT', `task "${ref.taskId}" is already completed`, {
        details: { taskId: ref.taskId, completedBy: existing?.agentId, token: existing?.token },
      });
    }
    const released = await leases.release(leaseRef).catch((error: unknown) => {
      this.ctx.report(new MemoryError('BACKEND_UNAVAILABLE', 'releasing a completed task', { cause: error }));
      return false;
    });
    const base = { agent_id: agentId, task_id: ref.taskId, token: ref.token, ts: completion.completedAt };
    await this.ctx.emit({ event: 'task_completed', ...base });
    if (released) await this.ctx.emit({ event: 'task_released', ...base, reason: 'completed' });
    return completion;
  }

  async #staleToken(agentId: string, ref: ClaimRef, cause: unknown): Promise<MemoryError> {
    const current = await this.owner(ref.taskId).catch(() => null);
    const now = current
      ? `the lease is held by "${current.agentId}" with token ${current.token}`
      : 'the lease has lapsed';
    return new MemoryError(
      'LEASE_LOST',
      `fencing token ${ref.token} for task "${ref.taskId}" is stale: ${now}`,
      {
        cause,
        details: {
          taskId: ref.taskId,
          agentId,
          token: ref.token,
          currentOwner: current?.agentId,
          currentToken: current?.token,
        },
      },
    );
  }

  #operations(listener: ClaimListener | undefined): ClaimOperations {
    const { leases } = this.ctx.adapter;
    const refOf = (claim: Claim): LeaseRef => ({
      resource: claim.taskId,
      owner: claim.agentId,
      token: claim.token,
    });
    return {
      renew: async (claim) => {
        const lease = await callPort('renewing a claim', () => leases.renew(refOf(claim), claim.leaseMs));
        return lease.expiresAt;
      },
      release: async (claim) => {
        const released = await callPort('releasing a claim', () => leases.release(refOf(claim)));
        if (released) {
          await this.ctx.emit({
            event: 'task_released',
            agent_id: claim.agentId,
            task_id: claim.taskId,
            token: claim.token,
            ts: this.ctx.now(),
            reason: 'released',
          });
        }
        return released;
      },
      complete: (claim, result) => this.complete(claim.agentId, claim.ref, result, claim.leaseMs),
      ended: (claim, state) => {
        const stopper = this.#stoppers.get(claim);
        if (stopper) this.ctx.untrack(stopper);
        this.#stoppers.delete(claim);
        listener?.ended(claim, state);
        // A crash emits nothing, and neither does closing the coordinator: the lease lapses silently.
        if (state === 'lost') {
          this.ctx
            .emit({
              event: 'lease_lost',
              agent_id: claim.agentId,
              task_id: claim.taskId,
              token: claim.token,
              ts: this.ctx.now(),
            })
            .catch((error: unknown) => this.ctx.report(toMemoryError(error)));
        }
      },
      report: (error) => this.ctx.report(error),
    };
  }
}
