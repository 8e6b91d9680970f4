import type { Pattern } from '@agent-memory/core';
import type { Agent } from 'agent-memory';
import type { LatencyRecorder } from './latency-recorder.js';
import type { BoardTask } from './task-board.js';
import type { SkippedTask } from './task-plan.js';
import type { TaskResult } from './worker-loop.js';

export interface Holder {
  agentId: string;
  token: number;
}

export interface TaskReport {
  id: string;
  kind: BoardTask['kind'];
  file: string;
  /** Every claim of the task in token order (more than one means a takeover). */
  claims: Holder[];
  /** task_completed events in the audit trail: exactly one when all went well. */
  completions: number;
  completedBy: Holder | null;
  result: TaskResult | null;
}

export interface ConflictReport {
  id: string;
  subject: string;
  state: 'open' | 'resolved';
  positions: { agentId: string; verdict: string; confidence: number }[];
  resolution: { by: string; verdict: string | undefined; reason: string } | null;
}

export interface RunReport {
  run: number;
  namespace: string;
  tasks: TaskReport[];
  skipped: SkippedTask[];
  killed: (Holder & { taskId: string }) | null;
  takeovers: { taskId: string; from: Holder; to: Holder }[];
  /** null when nobody was killed; true when the dead worker's late completion was refused. */
  staleWriteRefused: boolean | null;
  conflicts: ConflictReport[];
  promoted: Pick<Pattern, 'id' | 'title' | 'kind'>[];
  staged: number;
  analysed: number;
  recalled: number;
  promptTokens: number;
  /** What the same prompts would have cost with no long-term memory (plus the tasks not posted). */
  coldTokens: number;
  tokensSaved: number;
  durationMs: number;
}

/** Reads what happened from memory itself (completions, audit trail, conflicts), whichever process did it. */
export async function collectRunReport(input: {
  run: number;
  namespace: string;
  observer: Agent;
  tasks: readonly BoardTask[];
  skipped: SkippedTask[];
  killed: (Holder & { taskId: string }) | null;
  staleWriteRefused: boolean | null;
  promoted: Pattern[];
  staged: number;
  recorder: LatencyRecorder;
  durationMs: number;
}): Promise<RunReport> {
  const { observer, recorder } = input;
  const trail = await recorder.time('audit.read', () =>
    observer.audit({ types: ['task_claimed', 'task_completed'] }),
  );
  const tasks: TaskReport[] = [];
  for (const task of input.tasks) {
    const events = trail.map((e) => e.event).filter((e) => 'task_id' in e && e.task_id === task.id);
    const claims = events
      .flatMap((e) => (e.event === 'task_claimed' ? [{ agentId: e.agent_id, token: e.token }] : []))
      .sort((a, b) => a.token - b.token);
    const completion = await recorder.time('task.completion', () => observer.completion(task.id));
    tasks.push({
      id: task.id,
      kind: task.kind,
      file: task.file,
      claims,
      completions: events.filter((e) => e.event === 'task_completed').length,
      completedBy: completion ? { agentId: completion.agentId, token: completion.token } : null,
      result: (completion?.result as TaskResult | undefined) ?? null,
    });
  }
  const takeovers = tasks.flatMap((t) =>
    t.claims.slice(1).map((to, i) => ({ taskId: t.id, from: t.claims[i]!, to })),
  );
  const conflicts: ConflictReport[] = (await observer.conflicts({ state: 'all' })).map((c) => {
    const last = c.resolutions.at(-1);
    return {
      id: c.id,
      subject: c.subject,
      state: c.state,
      positions: c.positions.map((p) => ({
        agentId: p.agentId,
        verdict: p.verdict,
        confidence: p.confidence,
      })),
      resolution: last ? { by: last.by, verdict: last.verdict, reason: last.reason } : null,
    };
  });
  const results = tasks.flatMap((t) => (t.result ? [t.result] : []));
  // Totals from characters: a recalled prompt and its cold twin share the session and window
  // sections, so the saving is exact whichever worker did which task.
  const promptChars = sum(results.map((r) => r.promptChars));
  const coldChars = sum(results.map((r) => r.coldChars)) + sum(input.skipped.map((s) => s.coldChars));
  const promptTokens = Math.round(promptChars / 4);
  const tokensSaved = Math.round((coldChars - promptChars) / 4);
  return {
    run: input.run,
    namespace: input.namespace,
    tasks,
    skipped: input.skipped,
    killed: input.killed,
    takeovers,
    staleWriteRefused: input.staleWriteRefused,
    conflicts,
    promoted: input.promoted.map((p) => ({ id: p.id, title: p.title, kind: p.kind })),
    staged: input.staged,
    analysed: results.filter((r) => r.mode === 'analysed').length,
    recalled: results.filter((r) => r.mode === 'recalled').length,
    promptTokens,
    coldTokens: promptTokens + tokensSaved,
    tokensSaved,
    durationMs: input.durationMs,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
