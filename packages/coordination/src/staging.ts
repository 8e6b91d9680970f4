import { randomUUID } from 'node:crypto';
import {
  assertId,
  MemoryError,
  type Pattern,
  parseInput,
  type StoredRecord,
  toMemoryError,
} from '@agent-memory/core';
import {
  type Candidate,
  type CandidateFilter,
  CandidateFilterSchema,
  CandidateSchema,
  type PromoteInput,
  PromoteInputSchema,
  type RejectInput,
  RejectInputSchema,
  type StageInput,
  StageInputSchema,
} from './candidate.js';
import { conflictId } from './conflict.js';
import type { ConflictService } from './conflicts.js';
import type { CoordinationContext } from './context.js';
import { assertAgreement, draftPattern } from './pattern-draft.js';
import { callPort, decodeRecord, encodeRecord } from './record-codec.js';
import { COLLECTIONS } from './settings.js';

export interface Promotion {
  candidate: Candidate;
  pattern: Pattern;
}

/** Staging findings as candidate patterns and promoting them, once, into the long-term PatternStore. */
export class StagingService {
  constructor(
    private readonly ctx: CoordinationContext,
    private readonly conflicts: ConflictService,
  ) {}

  /**
   * Stages agreeing findings of one task as a candidate pattern with a TTL. NOT_FOUND for a finding
   * the task does not have; CONFLICT when the findings disagree or their subject has an open conflict.
   */
  async stage(agentId: string, input: StageInput): Promise<Candidate> {
    const s = parseInput(StageInputSchema, input, 'stage input');
    this.ctx.assertOpen();
    const all = await callPort('listing findings', () => this.ctx.adapter.findings.list(s.taskId));
    const findings = s.findingIds.map((id) => {
      const found = all.find((f) => f.id === id);
      if (!found) {
        throw new MemoryError('NOT_FOUND', `task "${s.taskId}" has no finding "${id}"`, {
          details: { taskId: s.taskId, findingId: id },
        });
      }
      return found;
    });
    assertAgreement(findings, this.ctx.settings.conflictThreshold);
    const first = findings[0]!;
    const open = await this.conflicts.get(conflictId(s.taskId, first.subject));
    if (open?.state === 'open') {
      throw new MemoryError(
        'CONFLICT',
        `"${first.subject}" has an open conflict; resolve it before staging`,
        {
          details: { conflictId: open.id },
        },
      );
    }
    const id = `cand-${randomUUID()}`;
    const agents = [...new Set(findings.map((f) => f.agentId))].sort();
    const pattern = draftPattern(findings, s, agentId, id.slice(5, 13));
    const candidate: Candidate = {
      id,
      state: 'staged',
      taskId: s.taskId,
      findingIds: findings.map((f) => f.id),
      subject: first.subject,
      verdict: first.verdict,
      agents,
      pattern,
      stagedBy: agentId,
      stagedAt: this.ctx.now(),
    };
    await callPort('staging a candidate', () =>
      this.ctx.adapter.records.put(COLLECTIONS.candidates, id, encodeRecord(candidate), {
        ttlMs: s.ttlMs ?? this.ctx.settings.candidateTtlMs,
        ifAbsent: true,
      }),
    );
    await this.ctx.emit({
      event: 'pattern_staged',
      agent_id: agentId,
      candidate_id: id,
      title: pattern.title,
      ts: candidate.stagedAt,
      meta: { task_id: s.taskId, pattern_id: pattern.id ?? null },
    });
    return candidate;
  }

  async get(id: string): Promise<Candidate | null> {
    const record = await this.#record(id);
    return record ? decodeRecord(CandidateSchema, record, 'candidate') : null;
  }

  /** Candidates (default: those still waiting), oldest first; corrupt records are reported and skipped. */
  async list(filter: CandidateFilter = {}): Promise<Candidate[]> {
    const f = parseInput(CandidateFilterSchema, filter, 'candidate filter');
    const records = await callPort('listing candidates', () =>
      this.ctx.adapter.records.list(COLLECTIONS.candidates),
    );
    const out: Candidate[] = [];
    for (const record of records) {
      try {
        const c = decodeRecord(CandidateSchema, record, 'candidate');
        if (f.taskId !== undefined && c.taskId !== f.taskId) continue;
        if (f.state !== 'all' && c.state !== f.state) continue;
        out.push(c);
      } catch (error) {
        this.ctx.report(error as MemoryError);
      }
    }
    return out.sort((a, b) => a.stagedAt.localeCompare(b.stagedAt) || a.id.localeCompare(b.id));
  }

  /**
   * Promotes a staged candidate into the PatternStore. Taking it from `staged` to `promoting` is a
   * compare-and-set, so of two validators racing exactly one saves the pattern; the other gets
   * CONFLICT. If the save fails the candidate goes back to `staged` for a retry. A candidate left
   * `promoting` for `promotionTimeoutMs` (its validator died mid-save) is taken over the same way;
   * the pattern id was fixed at staging, so saving it again updates the pattern, never duplicates it.
   */
  async promote(agentId: string, id: string, input: PromoteInput = {}): Promise<Promotion> {
    const { message } = parseInput(PromoteInputSchema, input, 'promote input');
    const patterns = this.ctx.patterns;
    if (!patterns) {
      throw new MemoryError(
        'INVALID_INPUT',
        'this coordinator has no PatternStore: pass `patterns` to createCoordinator',
      );
    }
    const { record, candidate } = await this.#staged(id, 'promote');
    const tookOverFrom = candidate.state === 'promoting' ? candidate.decidedBy : undefined;
    const decidedAt = this.ctx.now();
    const promoting: Candidate = { ...candidate, state: 'promoting', decidedBy: agentId, decidedAt };
    const taken = await this.#swap(record, promoting);
    if (!taken) throw lostRace(id, 'promote');
    let pattern: Pattern;
    try {
      pattern = await patterns.save(candidate.pattern, {
        agentId,
        message: message ?? `Promote ${candidate.pattern.title} (candidate ${id})`,
      });
    } catch (error) {
      const { decidedBy: _by, decidedAt: _at, ...back } = promoting;
      await this.#swap(taken, { ...back, state: 'staged' }).catch(() => null);
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', `saving pattern for candidate "${id}"`);
    }
    const promoted: Candidate = {
      ...promoting,
      state: 'promoted',
      pattern: { ...candidate.pattern, id: pattern.id },
    };
    const stored = await this.#swap(taken, promoted).catch((error: unknown) => {
      this.ctx.report(toMemoryError(error, 'BACKEND_UNAVAILABLE', `marking candidate "${id}" promoted`));
      return null;
    });
    if (!stored)
      this.ctx.report(new MemoryError('CONFLICT', `candidate "${id}" changed while being promoted`));
    await this.ctx.emit({
      event: 'pattern_promoted',
      agent_id: agentId,
      candidate_id: id,
      pattern_id: pattern.id,
      title: pattern.title,
      ts: this.ctx.now(),
      meta: {
        task_id: candidate.taskId,
        ...(tookOverFrom === undefined ? {} : { took_over_from: tookOverFrom }),
      },
    });
    return { candidate: promoted, pattern };
  }

  /** Rejects a staged candidate (compare-and-set, like promote). */
  async reject(agentId: string, id: string, input: RejectInput): Promise<Candidate> {
    const { reason } = parseInput(RejectInputSchema, input, 'reject input');
    const { record, candidate } = await this.#staged(id, 'reject');
    const rejected: Candidate = {
      ...candidate,
      state: 'rejected',
      decidedBy: agentId,
      decidedAt: this.ctx.now(),
      reason,
    };
    if (!(await this.#swap(record, rejected))) throw lostRace(id, 'reject');
    await this.ctx.emit({
      event: 'pattern_rejected',
      agent_id: agentId,
      candidate_id: id,
      reason,
      ts: rejected.decidedAt!,
      meta: { task_id: candidate.taskId },
    });
    return rejected;
  }

  /** Deletes every candidate drawn from a task (purge). */
  async purge(taskId: string): Promise<number> {
    let deleted = 0;
    for (const c of await this.list({ taskId, state: 'all' })) {
      if (
        await callPort('deleting a candidate', () =>
          this.ctx.adapter.records.delete(COLLECTIONS.candidates, c.id),
        )
      ) {
        deleted++;
      }
    }
    return deleted;
  }

  async #record(id: string): Promise<StoredRecord | null> {
    assertId(id, 'candidate id');
    return callPort('reading a candidate', () => this.ctx.adapter.records.get(COLLECTIONS.candidates, id));
  }

  async #staged(id: string, action: string): Promise<{ record: StoredRecord; candidate: Candidate }> {
    const record = await this.#record(id);
    if (!record)
      throw new MemoryError('NOT_FOUND', `no candidate "${id}" (never staged, or expired)`, {
        details: { id },
      });
    const candidate = decodeRecord(CandidateSchema, record, 'candidate');
    if (candidate.state === 'staged' || (action === 'promote' && this.#abandoned(candidate))) {
      return { record, candidate };
    }
    const since =
      candidate.state === 'promoting' ? ` by ${candidate.decidedBy} since ${candidate.decidedAt}` : '';
    throw new MemoryError(
      'CONFLICT',
      `cannot ${action} candidate "${id}": it is ${candidate.state}${since}`,
      {
        details: { id, state: candidate.state, decidedBy: candidate.decidedBy },
      },
    );
  }

  /** A promotion nobody finished within promotionTimeoutMs: its validator is gone. */
  #abandoned(candidate: Candidate): boolean {
    if (candidate.state !== 'promoting' || candidate.decidedAt === undefined) return false;
    const since = Date.parse(candidate.decidedAt);
    return this.ctx.clock.now() - since >= this.ctx.settings.promotionTimeoutMs;
  }

  /** Compare-and-set on the record's version, keeping the candidate's remaining lifetime. */
  #swap(record: StoredRecord, next: Candidate): Promise<StoredRecord | null> {
    const ttlMs = Math.max(1, record.expiresAt - this.ctx.clock.now());
    return callPort('updating a candidate', () =>
      this.ctx.adapter.records.put(COLLECTIONS.candidates, next.id, encodeRecord(next), {
        ttlMs,
        ifVersion: record.version,
      }),
    );
  }
}

function lostRace(id: string, action: string): MemoryError {
  return new MemoryError(
    'CONFLICT',
    `cannot ${action} candidate "${id}": another validator decided it first`,
    {
      details: { id },
    },
  );
}
