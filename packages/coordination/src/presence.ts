import {
  IdSchema,
  JsonObjectSchema,
  type MemoryError,
  TimestampSchema,
  toMemoryError,
} from '@agent-memory/core';
import { z } from 'zod';
import type { CoordinationContext, Stoppable } from './context.js';
import { callPort, decodeRecord, encodeRecord } from './record-codec.js';
import { RoleSchema } from './roles.js';
import { COLLECTIONS } from './settings.js';

export const PresenceSchema = z.object({
  agentId: IdSchema,
  role: RoleSchema,
  joinedAt: TimestampSchema,
  lastSeen: TimestampSchema,
  /** Task ids the agent holds claims on. */
  holds: z.array(IdSchema),
  meta: JsonObjectSchema.optional(),
});
export type Presence = z.infer<typeof PresenceSchema>;

/** An agent that is alive: its last heartbeat is younger than the presence TTL. */
export interface AgentPresence extends Presence {
  /** Epoch ms at which the agent counts as gone unless it beats again. */
  expiresAt: number;
}

/** Who is alive: one RecordStore record per agent, rewritten on every heartbeat, gone when it stops. */
export class PresenceService {
  constructor(private readonly ctx: CoordinationContext) {}

  /** A record lives three heartbeats, so one slow beat does not make an agent vanish. */
  get ttlMs(): number {
    return this.ctx.settings.heartbeatMs * 3;
  }

  /** Every live agent, ordered by id; a record another writer corrupted is reported and skipped. */
  async list(): Promise<AgentPresence[]> {
    const records = await callPort('listing agents', () => this.ctx.adapter.records.list(COLLECTIONS.agents));
    const out: AgentPresence[] = [];
    for (const record of records) {
      try {
        out.push({ ...decodeRecord(PresenceSchema, record, 'presence'), expiresAt: record.expiresAt });
      } catch (error) {
        this.ctx.report(error as MemoryError);
      }
    }
    return out;
  }

  beacon(agentId: string, role: Presence['role'], holds: () => string[]): PresenceBeacon {
    return new PresenceBeacon(this.ctx, this.ttlMs, agentId, role, holds);
  }
}

/** One agent's heartbeat. Writes are serialised so a slow beat never overwrites a newer one. */
export class PresenceBeacon implements Stoppable {
  #joinedAt: string | undefined;
  #meta: Presence['meta'];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: CoordinationContext,
    private readonly ttlMs: number,
    readonly agentId: string,
    private readonly role: Presence['role'],
    private readonly holds: () => string[],
  ) {}

  get joined(): boolean {
    return this.#joinedAt !== undefined;
  }

  async join(meta?: Presence['meta']): Promise<AgentPresence> {
    this.ctx.assertOpen();
    const first = this.#joinedAt === undefined;
    this.#joinedAt ??= this.ctx.now();
    this.#meta = meta ?? this.#meta;
    const presence = await this.#write();
    this.ctx.track(this);
    this.#schedule();
    if (first) await this.ctx.emit({ event: 'agent_joined', agent_id: this.agentId, ts: this.ctx.now() });
    return presence;
  }

  /** Rewrites the record now (the agent's holdings changed); no-op before join. */
  touch(): void {
    if (!this.joined || this.ctx.closed) return;
    this.#write().catch((error: unknown) => this.ctx.report(toMemoryError(error)));
  }

  /** Stops the heartbeat and removes the record; true when the agent was present. */
  async leave(): Promise<boolean> {
    if (!this.joined) return false;
    this.stop();
    this.#joinedAt = undefined;
    await this.#writes.catch(() => undefined);
    const removed = await callPort('removing presence', () =>
      this.ctx.adapter.records.delete(COLLECTIONS.agents, this.agentId),
    );
    await this.ctx.emit({ event: 'agent_left', agent_id: this.agentId, ts: this.ctx.now() });
    return removed;
  }

  /** Stops beating without removing the record: it expires like a crashed agent's would. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.ctx.untrack(this);
  }

  #write(): Promise<AgentPresence> {
    const write = this.#writes
      .catch(() => undefined)
      .then(async () => {
        const presence: Presence = {
          agentId: this.agentId,
          role: this.role,
          joinedAt: this.#joinedAt ?? this.ctx.now(),
          lastSeen: this.ctx.now(),
          holds: [...new Set(this.holds())].sort(),
          ...(this.#meta === undefined ? {} : { meta: this.#meta }),
        };
        const stored = await callPort('announcing presence', () =>
          this.ctx.adapter.records.put(COLLECTIONS.agents, this.agentId, encodeRecord(presence), {
            ttlMs: this.ttlMs,
          }),
        );
        return { ...presence, expiresAt: stored?.expiresAt ?? this.ctx.clock.now() + this.ttlMs };
      });
    this.#writes = write;
    return write;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.ctx.closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.joined || this.ctx.closed) return;
      this.#write()
        .catch((error: unknown) => this.ctx.report(toMemoryError(error)))
        .finally(() => {
          if (this.joined) this.#schedule();
        });
    }, this.ctx.settings.heartbeatMs);
    this.#timer.unref?.();
  }
}
