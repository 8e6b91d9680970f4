import { setTimeout as delay } from 'node:timers/promises';
import { type ConversationMessage, isMemoryError, type JsonObject, MemoryError } from '@agent-memory/core';
import type { Agent, Claim, Memory } from 'agent-memory';
import type { Analyzer, Issue, KnownIssue } from './analyzer.js';
import type { LatencyRecorder } from './latency-recorder.js';
import { knownIssueOf } from './learned-pattern.js';
import { recallPrompt, reviewPrompt } from './prompt-builder.js';
import type { SourceFile } from './sample-codebase.js';
import type { SeededRandom } from './seeded-random.js';
import { type BoardTask, TaskBoard } from './task-board.js';

export interface WorkerSetup {
  memory: Memory;
  agentId: string;
  /** Where this worker starts in the task list, so workers do not all race for the first task. */
  index: number;
  run: number;
  analyzer: Analyzer;
  codebase: readonly SourceFile[];
  leaseMs: number;
  /** Simulated model latency for a ~500-token prompt. */
  thinkMs: number;
  random: SeededRandom;
  recorder: LatencyRecorder;
  /**
   * Set for the worker that dies mid-task: called once it holds a claim and its "model call" is in
   * flight. The worker stops right there, without releasing anything.
   */
  crash?: (claim: Claim, task: BoardTask) => Promise<void>;
  /** Ends the loop early (the demo's overall deadline). */
  signal?: AbortSignal;
}

/** What a worker reports when its loop ends. */
export interface WorkerOutcome {
  agentId: string;
  completed: string[];
  crashed: boolean;
}

/** What a completed task records as its result (read back for the run report). */
export interface TaskResult extends JsonObject {
  file: string;
  mode: 'analysed' | 'recalled';
  promptTokens: number;
  coldTokens: number;
  /** Characters, for exact totals: the difference between two prompts does not depend on rounding. */
  promptChars: number;
  coldChars: number;
  findings: number;
}

const WINDOW = 4;

/**
 * One reviewer agent: takes tasks from the board until every task is completed, recalling what
 * long-term memory knows about each file before analysing it. Works the same in-process and in a
 * worker process, on Redis or locally: everything it knows comes from memory.
 */
export async function runWorker(setup: WorkerSetup): Promise<WorkerOutcome> {
  const { memory, agentId, recorder } = setup;
  const agent = memory.agent(agentId, { role: 'contributor' });
  const board = new TaskBoard(memory.adapter.records, 10 * 60_000, recorder);
  const context: JsonObject = { project: 'sample-codebase', run: setup.run, role: 'reviewer', tasksDone: [] };
  await recorder.time('session.start', () =>
    memory.sessions.start({ id: agentId, userId: agentId, project: 'sample-codebase', context }),
  );
  const outcome: WorkerOutcome = { agentId, completed: [], crashed: false };
  const step = async (task: BoardTask, claim: Claim): Promise<boolean> => {
    const result = await work(setup, agent, task, claim);
    if (result === 'crashed') outcome.crashed = true;
    if (result === 'completed') outcome.completed.push(task.id);
    return result !== 'crashed';
  };

  // A completion never goes away within a run, so each task's is read until it appears, then remembered.
  const completedBy = new Map<string, string>();
  while (!setup.signal?.aborted) {
    const tasks = await board.list();
    for (const task of tasks) {
      if (completedBy.has(task.id)) continue;
      const completion = await recorder.time('task.completion', () => agent.completion(task.id));
      if (completion) completedBy.set(task.id, completion.agentId);
    }
    const pending = tasks.filter((t) => !completedBy.has(t.id));
    if (tasks.length > 0 && pending.length === 0) break;
    // A review and its cross-check need two different agents, or there is no second opinion.
    const mine = rotate(pending, setup.index).filter(
      (t) => t.pairedWith === undefined || completedBy.get(t.pairedWith) !== agentId,
    );
    let worked = false;
    for (const task of mine) {
      const claim = await recorder.time('task.claim', () => agent.claim(task.id, { leaseMs: setup.leaseMs }));
      if (!claim) continue;
      worked = true;
      if (!(await step(task, claim))) return outcome;
      break;
    }
    if (worked) continue;
    const next = mine[0];
    if (!next) {
      await delay(100, undefined, { signal: setup.signal }).catch(() => undefined);
      continue;
    }
    // Everything left is held by someone: wait for one to free up (a crashed holder's lease expires).
    const claim = await agent.waitFor(next.id, {
      leaseMs: setup.leaseMs,
      timeoutMs: setup.leaseMs * 2,
      pollMs: 100,
      ...(setup.signal ? { signal: setup.signal } : {}),
    });
    if (claim && !(await step(next, claim))) return outcome;
  }
  await recorder.time('session.end', () => memory.sessions.end(agentId));
  return outcome;
}

async function work(
  setup: WorkerSetup,
  agent: Agent,
  task: BoardTask,
  claim: Claim,
): Promise<'completed' | 'lost' | 'crashed'> {
  const { memory, agentId, recorder } = setup;
  const file = setup.codebase.find((f) => f.path === task.file);
  if (!file) throw new MemoryError('NOT_FOUND', `task ${task.id} names an unknown file ${task.file}`);
  const conversation = memory.conversation(agentId);

  // Recall: long-term patterns about this file, then this agent's short-term session and window.
  const known = await recall(memory, task.file, recorder);
  const unchanged = known.filter((k) => k.fingerprint === file.fingerprint);
  const session = await recorder.time('session.get', () => memory.sessions.get(agentId));
  const recent: ConversationMessage[] = await recorder.time('window.recent', () =>
    conversation.recent(WINDOW),
  );
  const promptContext = {
    agentId,
    profile: task.profile,
    file,
    session: session?.context ?? {},
    recent,
    patterns: known,
  };
  // A review's findings for unchanged content are already known; a second opinion is always fresh.
  const recalled = task.kind === 'review' && unchanged.length > 0;
  const prompt = recalled
    ? recallPrompt({ ...promptContext, patterns: unchanged })
    : reviewPrompt(promptContext);
  const promptTokens = prompt.tokens;
  // The same prompt with no long-term memory: what this task costs an agent that remembers nothing.
  const cold = reviewPrompt({ ...promptContext, patterns: [] });
  const coldTokens = cold.tokens;
  await recorder.time('window.append', () =>
    conversation.append({
      role: 'user',
      content: `${recalled ? 'recall' : 'review'} ${file.path} (${task.profile}, ${promptTokens} tokens)`,
      agentId,
      sessionId: agentId,
    }),
  );
  if (setup.crash) {
    await setup.crash(claim, task);
    return 'crashed';
  }

  try {
    await delay(thinkTime(setup, promptTokens), undefined, { signal: claim.signal });
    const issues: Issue[] = recalled
      ? unchanged.map(issueFromKnown)
      : await setup.analyzer.analyze({
          agentId,
          file,
          profile: task.profile,
          prompt: prompt.text,
          knownIssues: known,
        });
    for (const issue of issues) {
      if (!claim.held) return 'lost';
      await recorder.time('finding.share', () =>
        agent.share(task.findingsOn, {
          subject: `${file.path}#${issue.rule}`,
          verdict: issue.verdict,
          confidence: issue.confidence,
          summary: issue.summary,
          evidence: issue.evidence,
          data: {
            rule: issue.rule,
            file: file.path,
            fingerprint: file.fingerprint,
            profile: task.profile,
            recalled,
            task: task.id,
          },
        }),
      );
    }
    const mode = recalled ? 'recalled' : 'analysed';
    await recorder.time('event.publish', () =>
      agent.publish({
        event: 'analysis_complete',
        task_id: task.id,
        findings_count: issues.length,
        meta: {
          file: file.path,
          mode,
          prompt_tokens: promptTokens,
          cold_tokens: coldTokens,
          ...prompt.parts,
        },
      }),
    );
    await recorder.time('window.append', () =>
      conversation.append({
        role: 'assistant',
        content: `${file.path}: ${issues.length === 0 ? 'no issues' : issues.map((i) => `${i.rule}=${i.verdict}`).join(', ')}`,
        agentId,
        sessionId: agentId,
      }),
    );
    const done = [...asStrings(session?.context.tasksDone), task.id];
    await recorder.time('session.update', () =>
      memory.sessions.update(agentId, { context: { ...(session?.context ?? {}), tasksDone: done } }),
    );
    const result: TaskResult = {
      file: file.path,
      mode,
      promptTokens,
      coldTokens,
      promptChars: prompt.text.length,
      coldChars: cold.text.length,
      findings: issues.length,
    };
    await recorder.time('task.complete', () => agent.complete(claim, result));
    return 'completed';
  } catch (error) {
    // The lease lapsed under us (a long pause): whoever holds it now finishes the task.
    if (isMemoryError(error, 'LEASE_LOST') || claim.signal.aborted) return 'lost';
    throw error;
  }
}

async function recall(memory: Memory, file: string, recorder: LatencyRecorder): Promise<KnownIssue[]> {
  const store = memory.patterns;
  if (!store) return [];
  const patterns = await recorder.time('patterns.list', () => store.list({ file }));
  return patterns.map(knownIssueOf).filter((k): k is KnownIssue => k !== null);
}

function issueFromKnown(known: KnownIssue): Issue {
  return {
    rule: known.rule,
    verdict: known.verdict,
    confidence: known.confidence,
    summary: known.summary,
    evidence: [`recalled from pattern ${known.patternId}`],
  };
}

function thinkTime(setup: WorkerSetup, tokens: number): number {
  const jitter = 0.75 + 0.5 * setup.random.next();
  return Math.max(5, Math.round(setup.thinkMs * jitter * Math.min(2, tokens / 500)));
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
