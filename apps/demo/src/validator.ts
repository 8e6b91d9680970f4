import { type Finding, isMemoryError, type Pattern } from '@agent-memory/core';
import type { Agent, Conflict, Memory, Subscription } from 'agent-memory';
import type { LatencyRecorder } from './latency-recorder.js';
import { learnedPatternId, learnedTags } from './learned-pattern.js';
import { ruleById } from './review-rules.js';
import type { BoardTask } from './task-board.js';

/** What the validator decided in one run. */
export interface Learning {
  staged: number;
  promoted: Pattern[];
}

/**
 * The validator agent: resolves conflicts as soon as they are detected (it listens on the event
 * bus), and once the reviews are in, stages the agreeing findings and promotes them into git.
 */
export class Validator {
  readonly agent: Agent;
  #subscription: Subscription | undefined;
  // Resolutions run one at a time: two events about one conflict must not race each other.
  #queue: Promise<void> = Promise.resolve();

  constructor(
    memory: Memory,
    private readonly recorder: LatencyRecorder,
    private readonly onError: (error: unknown) => void,
    agentId = 'validator',
  ) {
    this.agent = memory.agent(agentId, { role: 'validator' });
  }

  async start(): Promise<void> {
    this.#subscription = await this.agent.subscribe(
      (event) => {
        if (event.event === 'conflict_detected') this.#enqueue(event.conflict_id);
      },
      { types: ['conflict_detected'] },
    );
  }

  /** Resolves whatever is still open (an event can be missed) and waits for resolutions in flight. */
  async settle(): Promise<void> {
    await this.#queue;
    const open = await this.recorder.time('conflict.list', () => this.agent.conflicts({ state: 'open' }));
    for (const conflict of open) this.#enqueue(conflict.id);
    await this.#queue;
  }

  async stop(): Promise<void> {
    await this.#queue;
    await this.#subscription?.unsubscribe();
  }

  /**
   * Stages the findings of each review that agree (after conflicts are resolved, the findings on
   * the winning side) and promotes each candidate into a git pattern. Findings recalled from git
   * are already patterns and are left alone.
   */
  async learn(tasks: readonly BoardTask[]): Promise<Learning> {
    const learning: Learning = { staged: 0, promoted: [] };
    const conflicts = await this.agent.conflicts({ state: 'all' });
    for (const task of tasks.filter((t) => t.kind === 'review')) {
      const findings = await this.recorder.time('finding.list', () => this.agent.findings(task.id));
      const fresh = findings.filter((f) => f.data?.recalled !== true);
      for (const [subject, onSubject] of groupBySubject(fresh)) {
        const conflict = conflicts.find((c) => c.taskId === task.id && c.subject === subject);
        const agreed = agreeingSide(onSubject, conflict);
        if (agreed.length === 0) continue;
        const first = agreed[0]!;
        const rule = ruleById(String(first.data?.rule ?? ''));
        const file = String(first.data?.file ?? subject.split('#')[0]);
        const ruleId = rule?.id ?? String(first.data?.rule ?? 'finding');
        const candidate = await this.recorder.time('candidate.stage', () =>
          this.agent.stage({
            taskId: task.id,
            findingIds: agreed.map((f) => f.id),
            kind: rule?.kind ?? 'convention',
            title: rule?.title(file) ?? `${first.verdict}: ${subject}`,
            summary: first.summary,
            tags: learnedTags({
              rule: ruleId,
              verdict: first.verdict,
              fingerprint: String(first.data?.fingerprint ?? 'unknown'),
              resolvedConflict: conflict !== undefined,
            }),
            files: [file],
            patternId: learnedPatternId(ruleId, file),
          }),
        );
        learning.staged++;
        const promotion = await this.recorder.time('candidate.promote', () =>
          this.agent.promote(candidate.id, { message: `Learn: ${candidate.pattern.title}` }),
        );
        learning.promoted.push(promotion.pattern);
      }
    }
    return learning;
  }

  #enqueue(conflictId: string): void {
    this.#queue = this.#queue
      .then(() => this.#resolve(conflictId))
      .catch((error: unknown) => this.onError(error));
  }

  async #resolve(conflictId: string): Promise<void> {
    const conflict = await this.agent.conflict(conflictId);
    if (conflict?.state !== 'open') return;
    const [winner, ...others] = [...conflict.positions].sort(
      (a, b) => b.confidence - a.confidence || a.agentId.localeCompare(b.agentId),
    );
    if (!winner) return;
    const outweighed = others.map((p) => `${p.agentId}'s "${p.verdict}" (${p.confidence})`).join(', ');
    try {
      await this.recorder.time('conflict.resolve', () =>
        this.agent.resolveConflict(conflictId, {
          reason: `${winner.agentId}'s "${winner.verdict}" (${winner.confidence}) outweighs ${outweighed}`,
          verdict: winner.verdict,
        }),
      );
    } catch (error) {
      // Someone resolved it in between: that is the outcome we wanted anyway.
      if (!isMemoryError(error, 'CONFLICT')) throw error;
    }
  }
}

function groupBySubject(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.subject, [...(groups.get(f.subject) ?? []), f]);
  return groups;
}

/** Without a conflict every finding agrees; after a resolution, only those with the settled verdict. */
function agreeingSide(findings: readonly Finding[], conflict: Conflict | undefined): Finding[] {
  if (!conflict) return [...findings];
  if (conflict.state !== 'resolved') return [];
  const verdict = conflict.resolutions.at(-1)?.verdict;
  return findings.filter((f) => f.verdict === verdict);
}
