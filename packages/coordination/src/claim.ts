import {
  type Clock,
  IdSchema,
  isMemoryError,
  type JsonValue,
  MemoryError,
  toMemoryError,
} from '@agent-memory/core';
import { z } from 'zod';
import type { Completion } from './completion.js';

export type ClaimState = 'held' | 'released' | 'completed' | 'lost' | 'abandoned';

/** What completing a task needs: the task and the fencing token the claim was granted. */
export const ClaimRefSchema = z.object({ taskId: IdSchema, token: z.number().int().positive() });
export type ClaimRef = z.infer<typeof ClaimRefSchema>;

/** What a claim handle needs from the claim service; kept narrow so Claim stays a plain handle. */
export interface ClaimOperations {
  renew(claim: Claim): Promise<number>;
  release(claim: Claim): Promise<boolean>;
  complete(claim: Claim, result: JsonValue | undefined): Promise<Completion>;
  /** Called once when the claim stops being held, whatever the reason. */
  ended(claim: Claim, state: Exclude<ClaimState, 'held'>): void;
  /** Reports a renewal failure that did not (yet) cost the lease. */
  report(error: MemoryError): void;
}

/**
 * A held task: owner, fencing token and expiry, renewed on a heartbeat until released, completed
 * or lost. `signal` aborts when the lease is lost (or the coordinator closes) so work in progress
 * can stop: whoever claims the task next gets a larger token and the old one is refused.
 */
export class Claim {
  readonly taskId: string;
  readonly agentId: string;
  readonly token: number;
  readonly leaseMs: number;
  #expiresAt: number;
  #state: ClaimState = 'held';
  readonly #controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #beating = false;
  /** Completing or releasing: the heartbeat must not race the final step and mistake it for a loss. */
  #settling = false;

  constructor(
    init: { taskId: string; agentId: string; token: number; expiresAt: number; leaseMs: number },
    private readonly ops: ClaimOperations,
    private readonly clock: Clock,
    /** Renewal period; undefined for no heartbeat (the caller renews). */
    private readonly heartbeatMs: number | undefined,
  ) {
    this.taskId = init.taskId;
    this.agentId = init.agentId;
    this.token = init.token;
    this.leaseMs = init.leaseMs;
    this.#expiresAt = init.expiresAt;
    this.#schedule();
  }

  /** Epoch ms at which the lease lapses unless renewed (the backend's clock). */
  get expiresAt(): number {
    return this.#expiresAt;
  }

  get state(): ClaimState {
    return this.#state;
  }

  get held(): boolean {
    return this.#state === 'held';
  }

  /** Aborts (with a LEASE_LOST or CLOSED MemoryError as reason) when the claim is lost or abandoned. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get ref(): ClaimRef {
    return { taskId: this.taskId, token: this.token };
  }

  /** Extends the lease now. LEASE_LOST (and the claim is lost) when it already lapsed. */
  async renew(): Promise<void> {
    this.#assertHeld();
    try {
      this.#expiresAt = await this.ops.renew(this);
    } catch (error) {
      if (isMemoryError(error, 'LEASE_LOST')) this.markLost();
      throw error;
    }
  }

  /** Hands the task back; false when the lease had already lapsed (the claim is then lost). */
  async release(): Promise<boolean> {
    if (this.#state !== 'held') return false;
    return this.#settle(
      () => this.ops.release(this),
      (released) => (released ? 'released' : 'lost'),
    );
  }

  /** Completes the task with this claim's fencing token; see Agent.complete. */
  async complete(result?: JsonValue): Promise<Completion> {
    this.#assertHeld();
    try {
      return await this.#settle(
        () => this.ops.complete(this, result),
        () => 'completed',
      );
    } catch (error) {
      if (isMemoryError(error, 'LEASE_LOST')) this.markLost();
      throw error;
    }
  }

  /** The lease is gone (renewal refused, or someone else completed with a newer token). */
  markLost(): void {
    this.#end('lost', new MemoryError('LEASE_LOST', `lease on task "${this.taskId}" was lost`));
  }

  /** Stops the heartbeat without releasing: the lease lapses on its own, as if the agent died. */
  abandon(): void {
    this.#end('abandoned', new MemoryError('CLOSED', 'the coordinator was closed'));
  }

  #end(state: Exclude<ClaimState, 'held'>, abortReason?: MemoryError): void {
    if (this.#state !== 'held') return;
    this.#state = state;
    this.#stopTimer();
    if (abortReason) this.#controller.abort(abortReason);
    this.ops.ended(this, state);
  }

  /**
   * Runs the final step (complete/release) with the heartbeat paused, and ends the claim in the same
   * continuation: a beat finishing in between must never see a held claim whose lease was just
   * released and report it lost. On failure the heartbeat resumes.
   */
  async #settle<T>(
    step: () => Promise<T>,
    outcome: (result: T) => 'completed' | 'released' | 'lost',
  ): Promise<T> {
    this.#settling = true;
    this.#stopTimer();
    let result: T;
    try {
      result = await step();
    } catch (error) {
      this.#settling = false;
      this.#schedule();
      throw error;
    }
    const state = outcome(result);
    if (state === 'lost') this.markLost();
    else this.#end(state);
    this.#settling = false;
    return result;
  }

  #assertHeld(): void {
    if (this.#state === 'held') return;
    throw new MemoryError('LEASE_LOST', `claim on task "${this.taskId}" is ${this.#state}`, {
      details: { taskId: this.taskId, token: this.token, state: this.#state },
    });
  }

  #schedule(): void {
    if (this.heartbeatMs === undefined || this.#state !== 'held') return;
    if (this.#timer !== undefined || this.#beating || this.#settling) return;
    this.#timer = setTimeout(() => void this.#beat(), this.heartbeatMs);
    this.#timer.unref?.();
  }

  async #beat(): Promise<void> {
    this.#timer = undefined;
    if (this.#state !== 'held' || this.#settling) return;
    this.#beating = true;
    let lost = false;
    try {
      const expiresAt = await this.ops.renew(this);
      if (this.#state === 'held') this.#expiresAt = expiresAt;
    } catch (error) {
      // While settling, the final step decides the claim's fate, not this beat.
      if (this.#state === 'held' && !this.#settling) {
        // A slow or unreachable backend is not proof the lease is gone; running past its expiry is.
        lost = isMemoryError(error, 'LEASE_LOST') || this.clock.now() >= this.#expiresAt;
        if (!lost) this.ops.report(toMemoryError(error, 'BACKEND_UNAVAILABLE', 'renewing a claim'));
      }
    } finally {
      this.#beating = false;
    }
    if (lost) this.markLost();
    // Also resumes the heartbeat when a failed complete/release finished while this beat was in flight.
    else this.#schedule();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
