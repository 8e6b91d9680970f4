import type { Memory } from 'agent-memory';
import type { Analyzer } from './analyzer.js';
import type { LatencyRecorder } from './latency-recorder.js';
import type { Holder } from './run-report.js';
import type { SourceFile } from './sample-codebase.js';
import { seededRandom } from './seeded-random.js';
import type { Timeline } from './timeline.js';
import { runWorker } from './worker-loop.js';
import { WorkerProcesses } from './worker-processes.js';

export type KilledWorker = Holder & { taskId: string };

/** What it takes to put a team of workers on the board, in-process or as OS processes. */
export interface TeamSetup {
  memory: Memory;
  namespace: string;
  run: number;
  workerIds: readonly string[];
  codebase: readonly SourceFile[];
  analyzer: Analyzer;
  patternsRepo: string;
  leaseMs: number;
  thinkMs: number;
  seed: number;
  /** The worker that dies mid-task, if any. */
  doomed: string | null;
  recorder: LatencyRecorder;
  timeline: Timeline;
  warnings: string[];
  signal: AbortSignal;
  /** Posts the tasks; called once every worker is ready to take them. */
  post: () => Promise<void>;
  /** Told when the doomed worker died, and on which task. */
  killed: (killed: KilledWorker) => void;
}

/** Workers as async agents sharing this process's Memory; the doomed one abandons its claim. */
export async function runAsyncTeam(setup: TeamSetup): Promise<void> {
  await setup.post();
  await Promise.all(
    setup.workerIds.map((agentId, index) =>
      runWorker({
        memory: setup.memory,
        agentId,
        index,
        run: setup.run,
        analyzer: setup.analyzer,
        codebase: setup.codebase,
        leaseMs: setup.leaseMs,
        thinkMs: setup.thinkMs,
        random: seededRandom(setup.seed).fork(`${agentId}-run${setup.run}`),
        recorder: setup.recorder,
        signal: setup.signal,
        ...(agentId === setup.doomed
          ? {
              crash: async (claim, task) => {
                // What a crash leaves behind: a lease nobody renews and nobody releases.
                claim.abandon();
                setup.killed({ agentId, taskId: task.id, token: claim.token });
                setup.timeline.note(
                  agentId,
                  `KILLED mid-task on ${task.id}, token ${claim.token}: no release`,
                  'bad',
                );
              },
            }
          : {}),
      }),
    ),
  );
}

/** Workers as OS processes coordinating through Redis; the doomed one gets a SIGKILL mid-task. */
export async function runProcessTeam(setup: TeamSetup, redisUrl: string): Promise<void> {
  let pool: WorkerProcesses | undefined;
  pool = await WorkerProcesses.start(
    setup.workerIds.map((agentId, index) => ({
      agentId,
      index,
      run: setup.run,
      seed: setup.seed,
      redisUrl,
      namespace: setup.namespace,
      patternsRepo: setup.patternsRepo,
      leaseMs: setup.leaseMs,
      thinkMs: setup.thinkMs,
      doomed: agentId === setup.doomed,
    })),
    (agentId, taskId, token) => {
      const pid = pool?.kill(agentId);
      setup.killed({ agentId, taskId, token });
      setup.timeline.note(
        agentId,
        `KILLED (SIGKILL, pid ${pid}) mid-task on ${taskId}, token ${token}: no release`,
        'bad',
      );
    },
  );
  setup.timeline.note(
    'orchestrator',
    `started ${setup.workerIds.length} worker processes (pids ${pool.pids().join(', ')})`,
  );
  const stop = () => pool?.killAll();
  setup.signal.addEventListener('abort', stop, { once: true });
  try {
    await setup.post();
    pool.go();
    for (const result of await pool.finished()) {
      setup.recorder.merge(result.latency);
      setup.warnings.push(...result.warnings);
    }
  } finally {
    setup.signal.removeEventListener('abort', stop);
    pool.killAll();
  }
}
