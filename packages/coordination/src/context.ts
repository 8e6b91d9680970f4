import {
  type AgentEvent,
  type AgentEventInput,
  AgentEventSchema,
  type Clock,
  MemoryError,
  type PatternStore,
  parseInput,
  type ShortTermAdapter,
  toMemoryError,
} from '@agent-memory/core';
import type { AgentEventBus } from './agent-event-bus.js';
import type { AuditTrail } from './audit.js';
import { stampAuditIdentity } from './audit-identity.js';
import type { CoordinatorSettings } from './settings.js';

/** Something that runs on a timer and must stop when the coordinator closes. */
export interface Stoppable {
  stop(): void;
}

/** What every coordination service shares: the ports, the clock, settings and the event path. */
export class CoordinationContext {
  readonly #running = new Set<Stoppable>();
  #closed = false;

  constructor(
    readonly adapter: ShortTermAdapter,
    readonly patterns: PatternStore | undefined,
    readonly clock: Clock,
    readonly settings: CoordinatorSettings,
    readonly bus: AgentEventBus,
    readonly audit: AuditTrail,
    readonly report: (error: MemoryError) => void,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  assertOpen(): void {
    if (this.#closed) throw new MemoryError('CLOSED', 'the coordinator is closed');
  }

  /**
   * Records a coordination step: appended to the audit trail first (so a subscriber reacting to the
   * event finds it there), then published. The step itself already happened, so a failure here is
   * reported (onError), not thrown: the caller must not believe a claim failed when it holds the lease.
   */
  async emit(event: AgentEventInput): Promise<AgentEvent> {
    const parsed = parseInput(AgentEventSchema, stampAuditIdentity(event), 'agent event');
    await this.audit.append(parsed).catch((error: unknown) => this.report(toMemoryError(error)));
    await this.bus.publish(parsed).catch((error: unknown) => this.report(toMemoryError(error)));
    return parsed;
  }

  track(running: Stoppable): void {
    if (this.#closed) {
      running.stop();
      return;
    }
    this.#running.add(running);
  }

  untrack(running: Stoppable): void {
    this.#running.delete(running);
  }

  /** Stops every heartbeat; leases and presence then lapse on their own, as after a crash. */
  close(): void {
    this.#closed = true;
    for (const running of [...this.#running]) running.stop();
    this.#running.clear();
  }
}
