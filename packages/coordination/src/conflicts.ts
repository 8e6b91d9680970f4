import { assertId, type Finding, IdSchema, MemoryError, parseInput } from '@agent-memory/core';
import { z } from 'zod';
import {
  type Conflict,
  ConflictSchema,
  conflictId,
  type ResolveInput,
  ResolveInputSchema,
} from './conflict.js';
import type { CoordinationContext } from './context.js';
import { findDisagreement, type Position } from './disagreement.js';
import { callPort, decodeRecord, encodeRecord } from './record-codec.js';
import { COLLECTIONS } from './settings.js';

export const ConflictFilterSchema = z
  .object({
    taskId: IdSchema.optional(),
    /** Default `open`: a conflict stays listed until it is resolved. */
    state: z.enum(['open', 'resolved', 'all']).default('open'),
  })
  .strict();
export type ConflictFilter = z.input<typeof ConflictFilterSchema>;

// Compare-and-set retries; each retry means another agent changed the record in between.
const MAX_ATTEMPTS = 8;

/** Records disagreements between agents' findings (RecordStore, compare-and-set) and their resolution. */
export class ConflictService {
  constructor(private readonly ctx: CoordinationContext) {}

  /**
   * Re-examines one subject of a task after a finding was shared there: records (or updates, or
   * reopens) the conflict when agents disagree. Returns the open conflict, or null.
   */
  async check(agentId: string, taskId: string, subject: string): Promise<Conflict | null> {
    const findings = await callPort('listing findings', () => this.ctx.adapter.findings.list(taskId));
    const id = conflictId(taskId, subject);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = await callPort('reading a conflict', () =>
        this.ctx.adapter.records.get(COLLECTIONS.conflicts, id),
      );
      const existing = record ? decodeRecord(ConflictSchema, record, 'conflict') : null;
      const positions = findDisagreement(
        findings,
        subject,
        this.ctx.settings.conflictThreshold,
        new Set(existing?.settledFindingIds ?? []),
      );
      if (!positions) return existing?.state === 'open' ? existing : null;
      const now = this.ctx.now();
      const next = this.#next(existing, { id, taskId, subject, positions, now });
      if (next === existing) return existing;
      const stored = await callPort('recording a conflict', () =>
        this.ctx.adapter.records.put(COLLECTIONS.conflicts, id, encodeRecord(next), {
          ttlMs: this.ctx.settings.recordTtlMs,
          ...(record ? { ifVersion: record.version } : { ifAbsent: true }),
        }),
      );
      if (!stored) continue;
      if (existing?.state !== 'open' || newAgents(existing.positions, positions)) {
        await this.ctx.emit({
          event: 'conflict_detected',
          agent_id: agentId,
          task_id: taskId,
          conflict_id: id,
          subject,
          agents: positions.map((p) => p.agentId),
          ts: now,
          meta: { round: next.round },
        });
      }
      return next;
    }
    throw new MemoryError(
      'CONFLICT',
      `conflict on "${subject}" kept changing; gave up after ${MAX_ATTEMPTS} tries`,
      {
        details: { taskId, subject },
      },
    );
  }

  async get(id: string): Promise<Conflict | null> {
    assertId(id, 'conflict id');
    const record = await callPort('reading a conflict', () =>
      this.ctx.adapter.records.get(COLLECTIONS.conflicts, id),
    );
    return record ? decodeRecord(ConflictSchema, record, 'conflict') : null;
  }

  /** Conflicts, oldest first; a record another writer corrupted is reported and skipped. */
  async list(filter: ConflictFilter = {}): Promise<Conflict[]> {
    const f = parseInput(ConflictFilterSchema, filter, 'conflict filter');
    const records = await callPort('listing conflicts', () =>
      this.ctx.adapter.records.list(COLLECTIONS.conflicts),
    );
    const out: Conflict[] = [];
    for (const record of records) {
      try {
        const conflict = decodeRecord(ConflictSchema, record, 'conflict');
        if (f.taskId !== undefined && conflict.taskId !== f.taskId) continue;
        if (f.state !== 'all' && conflict.state !== f.state) continue;
        out.push(conflict);
      } catch (error) {
        this.ctx.report(error as MemoryError);
      }
    }
    return out.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.id.localeCompare(b.id));
  }

  /**
   * Resolves an open conflict, settling every finding on its subject so far. NOT_FOUND when there
   * is no such conflict, CONFLICT when it is already resolved.
   */
  async resolve(agentId: string, id: string, input: ResolveInput): Promise<Conflict> {
    assertId(id, 'conflict id');
    const { reason, verdict } = parseInput(ResolveInputSchema, input, 'resolution');
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = await callPort('reading a conflict', () =>
        this.ctx.adapter.records.get(COLLECTIONS.conflicts, id),
      );
      if (!record) throw new MemoryError('NOT_FOUND', `no conflict "${id}"`, { details: { conflictId: id } });
      const conflict = decodeRecord(ConflictSchema, record, 'conflict');
      if (conflict.state !== 'open') {
        throw new MemoryError('CONFLICT', `conflict "${id}" is already resolved`, {
          details: { conflictId: id, resolution: conflict.resolutions.at(-1) },
        });
      }
      const findings = await callPort('listing findings', () =>
        this.ctx.adapter.findings.list(conflict.taskId),
      );
      const at = this.ctx.now();
      const resolved: Conflict = {
        ...conflict,
        state: 'resolved',
        settledFindingIds: union(
          conflict.settledFindingIds,
          conflict.findingIds,
          findings.filter((f: Finding) => f.subject === conflict.subject).map((f) => f.id),
        ),
        updatedAt: at,
        resolutions: [
          ...conflict.resolutions,
          { by: agentId, reason, ...(verdict === undefined ? {} : { verdict }), at },
        ],
      };
      const stored = await callPort('resolving a conflict', () =>
        this.ctx.adapter.records.put(COLLECTIONS.conflicts, id, encodeRecord(resolved), {
          ttlMs: this.ctx.settings.recordTtlMs,
          ifVersion: record.version,
        }),
      );
      if (!stored) continue;
      await this.ctx.emit({
        event: 'conflict_resolved',
        agent_id: agentId,
        task_id: conflict.taskId,
        conflict_id: id,
        resolution: reason,
        ts: at,
        ...(verdict === undefined ? {} : { meta: { verdict } }),
      });
      return resolved;
    }
    throw new MemoryError('CONFLICT', `conflict "${id}" kept changing; gave up after ${MAX_ATTEMPTS} tries`, {
      details: { conflictId: id },
    });
  }

  /** Deletes every conflict of a task (purge). */
  async purge(taskId: string): Promise<number> {
    const conflicts = await this.list({ taskId, state: 'all' });
    let deleted = 0;
    for (const c of conflicts) {
      if (
        await callPort('deleting a conflict', () =>
          this.ctx.adapter.records.delete(COLLECTIONS.conflicts, c.id),
        )
      ) {
        deleted++;
      }
    }
    return deleted;
  }

  // The record to write, or `existing` itself when nothing changed.
  #next(
    existing: Conflict | null,
    at: { id: string; taskId: string; subject: string; positions: Position[]; now: string },
  ): Conflict {
    const findingIds = at.positions.map((p) => p.findingId);
    if (existing?.state === 'open') {
      const merged = union(existing.findingIds, findingIds);
      if (merged.length === existing.findingIds.length && samePositions(existing.positions, at.positions)) {
        return existing;
      }
      return { ...existing, positions: at.positions, findingIds: merged, updatedAt: at.now };
    }
    return {
      id: at.id,
      taskId: at.taskId,
      subject: at.subject,
      state: 'open',
      positions: at.positions,
      findingIds,
      settledFindingIds: existing?.settledFindingIds ?? [],
      round: (existing?.round ?? 0) + 1,
      detectedAt: at.now,
      updatedAt: at.now,
      resolutions: existing?.resolutions ?? [],
    };
  }
}

function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

function samePositions(a: Position[], b: Position[]): boolean {
  return a.length === b.length && a.every((p, i) => p.findingId === b[i]?.findingId);
}

function newAgents(before: Position[], after: Position[]): boolean {
  const known = new Set(before.map((p) => p.agentId));
  return after.some((p) => !known.has(p.agentId));
}
