import {
  assertId,
  type Finding,
  FindingInputSchema,
  IdSchema,
  MemoryError,
  parseInput,
  toMemoryError,
} from '@agent-memory/core';
import type { z } from 'zod';
import type { ConflictService } from './conflicts.js';
import type { CoordinationContext } from './context.js';
import { callPort } from './record-codec.js';

/** A finding as an agent shares it: the author is the sharing agent, so `agentId` may be left out. */
export const ShareInputSchema = FindingInputSchema.extend({ agentId: IdSchema.optional() });
export type ShareInput = z.input<typeof ShareInputSchema>;

/** Findings per task over FindingLog, announced on the bus and checked for disagreement. */
export class FindingService {
  constructor(
    private readonly ctx: CoordinationContext,
    private readonly conflicts: ConflictService,
  ) {}

  /**
   * Appends a finding and publishes `finding_shared`, then looks for a disagreement on its subject.
   * The finding is stored once this resolves; a failed conflict check is reported (onError), and the
   * next finding on that subject checks again.
   */
  async share(agentId: string, taskId: string, input: ShareInput): Promise<Finding> {
    assertId(taskId, 'task id');
    const parsed = parseInput(ShareInputSchema, input, 'finding');
    if (parsed.agentId !== undefined && parsed.agentId !== agentId) {
      throw new MemoryError(
        'FORBIDDEN',
        `agent "${agentId}" may not share a finding as "${parsed.agentId}"`,
        {
          details: { agentId, claimedAuthor: parsed.agentId },
        },
      );
    }
    this.ctx.assertOpen();
    const finding = await callPort('sharing a finding', () =>
      this.ctx.adapter.findings.append(taskId, { ...parsed, agentId }),
    );
    await this.ctx.emit({
      event: 'finding_shared',
      agent_id: agentId,
      task_id: taskId,
      finding_id: finding.id,
      subject: finding.subject,
      verdict: finding.verdict,
      confidence: finding.confidence,
      ts: this.ctx.now(),
    });
    try {
      await this.conflicts.check(agentId, taskId, finding.subject);
    } catch (error) {
      this.ctx.report(toMemoryError(error, 'INTERNAL', 'conflict check after sharing a finding'));
    }
    return finding;
  }

  /** Every finding of the task, oldest first. */
  async list(taskId: string): Promise<Finding[]> {
    assertId(taskId, 'task id');
    return callPort('listing findings', () => this.ctx.adapter.findings.list(taskId));
  }

  async clear(taskId: string): Promise<void> {
    assertId(taskId, 'task id');
    await callPort('clearing findings', () => this.ctx.adapter.findings.clear(taskId));
  }
}
