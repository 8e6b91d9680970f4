import { performance } from 'node:perf_hooks';
import { isMemoryError, toMemoryError } from '@agent-memory/core';
import type { Memory } from 'agent-memory';
import type { Analyzer } from './analyzer.js';
import type { LatencyRecorder } from './latency-recorder.js';
import { collectRunReport, type Holder, type RunReport } from './run-report.js';
import type { SourceFile } from './sample-codebase.js';
import { TaskBoard } from './task-board.js';
import { planTasks } from './task-plan.js';
import type { Timeline } from './timeline.js';
import { Validator } from './validator.js';
import { type KilledWorker, runAsyncTeam, runProcessTeam, type TeamSetup } from './worker-team.js';

export interface ReviewRunSetup {
  run: number;
  memory: Memory;
  namespace: string;
  codebase: readonly SourceFile[];
  workerIds: readonly string[];
  /** Worker processes need the Redis URL; async workers share `memory`. */
  processes: { redisUrl: string } | null;
  patternsRepo: string;
  analyzer: Analyzer;
  leaseMs: number;
  thinkMs: number;
  seed: number;
  /** The worker that dies mid-task in this run, if any. */
  doomed: string | null;
  /** Leave this run's short-term state in place (for `agent-memory status` / `audit`). */
  keep: boolean;
  timeline: Timeline;
  recorder: LatencyRecorder;
  warnings: string[];
}

const BOARD_TTL_MS = 10 * 60_000;
const RUN_DEADLINE_MS = 60_000;

/**
 * One review of the codebase: the orchestrator posts tasks, workers claim and analyse them, the
 * validator settles conflicts and promotes what the team agrees on into git.
 */
export async function reviewRun(setup: ReviewRunSetup): Promise<RunReport> {
  const { memory, recorder, timeline } = setup;
  const started = performance.now();
  await timeline.attach(memory);
  const board = new TaskBoard(memory.adapter.records, BOARD_TTL_MS, recorder);
  const validator = new Validator(memory, recorder, (error) => {
    const message = toMemoryError(error).message;
    setup.warnings.push(message);
    timeline.note('validator', `could not resolve a conflict: ${message}`, 'bad');
  });
  await validator.start();
  const observer = memory.agent('orchestrator', { role: 'contributor' });

  const plan = await planTasks(setup.codebase, memory.patterns, recorder);
  await recorder.time('session.start', () =>
    memory.sessions.start({
      id: 'orchestrator',
      userId: 'orchestrator',
      project: 'sample-codebase',
      context: {
        run: setup.run,
        posted: plan.tasks.map((t) => t.id),
        skipped: plan.skipped.map((s) => s.id),
      },
    }),
  );

  // Set from a callback (a worker dies when it dies), hence a box rather than a narrowed local.
  const crash: { killed: KilledWorker | null } = { killed: null };
  const team: TeamSetup = {
    ...setup,
    signal: AbortSignal.timeout(RUN_DEADLINE_MS),
    killed: (killed) => {
      crash.killed = killed;
    },
    post: async () => {
      await board.post(plan.tasks);
      const reviews = plan.tasks.filter((t) => t.kind === 'review').length;
      const checks = plan.tasks.length - reviews;
      const second = checks ? ` + ${checks} cross-check (second opinion)` : '';
      timeline.note('orchestrator', `posted ${plan.tasks.length} tasks: ${reviews} file reviews${second}`);
      for (const s of plan.skipped) {
        timeline.note('orchestrator', `no second opinion on ${s.file}: ${s.reason}`, 'good');
      }
    },
  };
  if (setup.processes) await runProcessTeam(team, setup.processes.redisUrl);
  else await runAsyncTeam(team);

  await validator.settle();
  const { killed } = crash;
  const staleWriteRefused = killed ? await lateWrite(memory, killed, timeline) : null;
  const learning = await validator.learn(plan.tasks);
  await validator.stop();

  const trail = await recorder.time('audit.read', () => observer.audit());
  await timeline.settle(trail.length);
  await timeline.detach();
  const report = await collectRunReport({
    run: setup.run,
    namespace: setup.namespace,
    observer,
    tasks: plan.tasks,
    skipped: plan.skipped,
    killed,
    staleWriteRefused,
    promoted: learning.promoted,
    staged: learning.staged,
    recorder,
    durationMs: performance.now() - started,
  });
  if (!setup.keep)
    await cleanUp(
      memory,
      board,
      plan.tasks.map((t) => t.id),
      setup.workerIds,
    );
  return report;
}

/** The dead worker "comes back" with its old fencing token: memory must refuse the completion. */
async function lateWrite(
  memory: Memory,
  killed: Holder & { taskId: string },
  timeline: Timeline,
): Promise<boolean> {
  const zombie = memory.agent(killed.agentId, { role: 'contributor' });
  try {
    await zombie.complete({ taskId: killed.taskId, token: killed.token });
    timeline.note(killed.agentId, `late completion with stale token ${killed.token} was ACCEPTED`, 'bad');
    return false;
  } catch (error) {
    if (!isMemoryError(error, 'LEASE_LOST')) throw error;
    timeline.note(
      killed.agentId,
      `comes back with stale token ${killed.token} for ${killed.taskId}: refused (LEASE_LOST)`,
      'good',
    );
    return true;
  }
}

/** Short-term memory is for the task at hand: end sessions, clear windows, forget the tasks. */
async function cleanUp(memory: Memory, board: TaskBoard, taskIds: string[], workerIds: readonly string[]) {
  const janitor = memory.agent('janitor', { role: 'steward' });
  for (const taskId of taskIds) await janitor.purge(taskId);
  await board.clear();
  for (const id of ['orchestrator', ...workerIds]) {
    await memory.sessions.end(id);
    await memory.conversation(id).clear();
  }
}
