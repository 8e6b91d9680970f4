import {
  type AgentEvent,
  AgentEventSchema,
  type EventLog,
  IdSchema,
  type JsonObject,
  MemoryError,
  parseInput,
  StreamIdSchema,
  TimestampSchema,
  toMemoryError,
} from '@agent-memory/core';
import { z } from 'zod';
import { credentialOf } from './audit-identity.js';
import { eventTypeFilter } from './event-type-filter.js';

const InstantSchema = z.union([TimestampSchema, z.number().int().nonnegative(), z.date()]);

export const AuditQuerySchema = z
  .object({
    /** Only events at or after this instant (ISO timestamp, epoch ms or Date). */
    since: InstantSchema.optional(),
    /** Only events at or before this instant. */
    until: InstantSchema.optional(),
    taskId: IdSchema.optional(),
    agentId: IdSchema.optional(),
    /** Only steps done through this credential: a token id or a JWT subject (`meta.credential.id`). */
    credential: z.string().min(1).max(256).optional(),
    /** Event type globs, e.g. `['task_*']`. */
    types: z.array(z.string().regex(/^[a-z_*]{1,64}$/)).optional(),
    /** Replay from a log entry id (exclusive), e.g. the last one a consumer saw. */
    after: StreamIdSchema.optional(),
    /** At most this many entries (the oldest matching ones). */
    limit: z.number().int().positive().max(100_000).optional(),
  })
  .strict();
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export interface AuditEntry {
  /** The log entry id (`<ms>-<seq>`), usable as `after` to resume. */
  id: string;
  event: AgentEvent;
}

const PAGE = 1000;

/**
 * The durable trail of every coordination step: each event is appended to one EventLog stream
 * (snake_case, exactly as published), so the trail outlives pub/sub and can be replayed.
 */
export class AuditTrail {
  constructor(
    private readonly log: EventLog,
    readonly stream: string,
    private readonly onCorrupt: (error: MemoryError) => void,
  ) {}

  async append(event: AgentEvent): Promise<string> {
    try {
      return await this.log.append(this.stream, JSON.parse(JSON.stringify(event)) as JsonObject);
    } catch (error) {
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', `appending ${event.event} to the audit trail`);
    }
  }

  /** Replays the trail oldest first; entries another writer corrupted are reported and skipped. */
  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const q = parseInput(AuditQuerySchema, query, 'audit query');
    const since = q.since === undefined ? undefined : toEpochMs(q.since);
    const until = q.until === undefined ? undefined : toEpochMs(q.until);
    const typeMatches = eventTypeFilter(q.types);
    const out: AuditEntry[] = [];
    let after = q.after;
    for (;;) {
      const page = await this.#page(after);
      for (const entry of page) {
        const parsed = AgentEventSchema.safeParse(entry.data);
        if (!parsed.success) {
          this.onCorrupt(
            new MemoryError('CORRUPT_DATA', `malformed audit entry ${entry.id} in ${this.stream}`, {
              issues: parsed.error.issues,
              details: { id: entry.id },
            }),
          );
          continue;
        }
        const event = parsed.data;
        const ts = Date.parse(event.ts);
        if (since !== undefined && ts < since) continue;
        if (until !== undefined && ts > until) continue;
        if (q.agentId !== undefined && event.agent_id !== q.agentId) continue;
        if (q.taskId !== undefined && taskOf(event) !== q.taskId) continue;
        if (q.credential !== undefined && credentialOf(event) !== q.credential) continue;
        if (!typeMatches(event)) continue;
        out.push({ id: entry.id, event });
        if (q.limit !== undefined && out.length >= q.limit) return out;
      }
      if (page.length < PAGE) return out;
      after = page[page.length - 1]!.id;
    }
  }

  async #page(after: string | undefined) {
    try {
      return await this.log.range(
        this.stream,
        after === undefined ? { count: PAGE } : { after, count: PAGE },
      );
    } catch (error) {
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', 'reading the audit trail');
    }
  }
}

/** The task an event is about: its task_id, or the one a candidate event carries in meta. */
function taskOf(event: AgentEvent): string | undefined {
  if ('task_id' in event) return event.task_id;
  const fromMeta = event.meta?.task_id;
  return typeof fromMeta === 'string' ? fromMeta : undefined;
}

function toEpochMs(instant: string | number | Date): number {
  if (typeof instant === 'number') return instant;
  if (instant instanceof Date) return instant.getTime();
  return Date.parse(instant);
}
