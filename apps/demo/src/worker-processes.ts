import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryError } from '@agent-memory/core';
import {
  START_MESSAGE,
  WORKER_CONFIG_ENV,
  type WorkerMessage,
  WorkerMessageSchema,
  type WorkerProcessConfig,
} from './worker-protocol.js';

/** What the orchestrator learns from one worker process. */
export interface WorkerProcessResult {
  agentId: string;
  completed: string[];
  /** Killed on purpose (the crash scenario). */
  killed: boolean;
  latency: Record<string, number[]>;
  warnings: string[];
}

interface Child {
  config: WorkerProcessConfig;
  process: ChildProcess;
  stderr: string;
  result: WorkerProcessResult;
  ready: Promise<void>;
  exited: Promise<void>;
  killedOnPurpose: boolean;
  failure: string | undefined;
}

/** dist/worker.js next to this file once built; from src/ (tests) the built copy in ../dist. */
export function workerEntry(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../dist/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new MemoryError(
    'NOT_FOUND',
    'worker processes need the built demo: run `pnpm --filter @agent-memory/demo... build` (npm run demo does it)',
  );
}

/**
 * Worker agents as separate OS processes: each opens its own connection to Redis and coordinates
 * only through memory. The orchestrator starts them all, then fires the starting gun.
 */
export class WorkerProcesses {
  readonly #children: Child[];

  private constructor(children: Child[]) {
    this.#children = children;
  }

  static async start(
    configs: readonly WorkerProcessConfig[],
    onMidTask: (agentId: string, taskId: string, token: number) => void,
  ): Promise<WorkerProcesses> {
    const entry = workerEntry();
    const children = configs.map((config) => spawnChild(entry, config, onMidTask));
    const pool = new WorkerProcesses(children);
    try {
      await Promise.all(children.map((c) => c.ready));
    } catch (error) {
      pool.killAll();
      throw error;
    }
    return pool;
  }

  pids(): number[] {
    return this.#children.flatMap((c) => (c.process.pid === undefined ? [] : [c.process.pid]));
  }

  /** Every worker is connected and waiting: tell them to begin. */
  go(): void {
    for (const child of this.#children) child.process.send(START_MESSAGE);
  }

  /** Kills a worker the hard way: no release, no goodbye, its heartbeats just stop. */
  kill(agentId: string): number | undefined {
    const child = this.#children.find((c) => c.config.agentId === agentId);
    if (!child) return undefined;
    child.killedOnPurpose = true;
    child.result.killed = true;
    child.process.kill('SIGKILL');
    return child.process.pid;
  }

  /** Waits for every worker to exit; a worker that failed (and was not killed on purpose) is an error. */
  async finished(): Promise<WorkerProcessResult[]> {
    await Promise.all(this.#children.map((c) => c.exited));
    const failed = this.#children.find((c) => !c.killedOnPurpose && c.failure !== undefined);
    if (failed) {
      throw new MemoryError('INTERNAL', `worker process ${failed.config.agentId} failed: ${failed.failure}`, {
        details: { stderr: failed.stderr.slice(-2000) },
      });
    }
    return this.#children.map((c) => c.result);
  }

  killAll(): void {
    for (const child of this.#children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  }
}

function spawnChild(
  entry: string,
  config: WorkerProcessConfig,
  onMidTask: (agentId: string, taskId: string, token: number) => void,
): Child {
  const proc = fork(entry, [], {
    env: { ...process.env, [WORKER_CONFIG_ENV]: JSON.stringify(config) },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let markReady: () => void = () => {};
  let markNotReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markNotReady = reject;
  });
  const child: Child = {
    config,
    process: proc,
    stderr: '',
    result: { agentId: config.agentId, completed: [], killed: false, latency: {}, warnings: [] },
    ready,
    exited: new Promise((resolve) => proc.once('exit', () => resolve())),
    killedOnPurpose: false,
    failure: undefined,
  };
  proc.stderr?.on('data', (chunk: Buffer) => {
    child.stderr = (child.stderr + chunk.toString()).slice(-8000);
  });
  proc.on('message', (raw) => {
    const parsed = WorkerMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message: WorkerMessage = parsed.data;
    if (message.type === 'ready') markReady();
    else if (message.type === 'mid-task') onMidTask(config.agentId, message.taskId, message.token);
    else if (message.type === 'done') {
      child.result = {
        ...child.result,
        completed: message.completed,
        latency: message.latency,
        warnings: message.warnings,
      };
    } else {
      child.failure = message.message;
      markNotReady(new MemoryError('INTERNAL', `worker ${config.agentId} failed: ${message.message}`));
    }
  });
  proc.once('exit', (code, signal) => {
    if (!child.killedOnPurpose && code !== 0) {
      child.failure ??= `exited with ${signal ?? `code ${code}`}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`;
    }
    markNotReady(
      new MemoryError(
        'INTERNAL',
        `worker ${config.agentId} exited before it was ready: ${child.failure ?? ''}`,
      ),
    );
  });
  return child;
}
