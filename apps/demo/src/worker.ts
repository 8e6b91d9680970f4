// Entry point of one worker OS process (`--processes`): forked by the orchestrator from dist/worker.js.
import { setTimeout as delay } from 'node:timers/promises';
import { MemoryError, parseInput, toMemoryError } from '@agent-memory/core';
import { LatencyRecorder } from './latency-recorder.js';
import { openMemory } from './memory-connection.js';
import { createRuleBasedAnalyzer } from './rule-based-analyzer.js';
import { loadCodebase } from './sample-codebase.js';
import { seededRandom } from './seeded-random.js';
import { runWorker } from './worker-loop.js';
import {
  START_MESSAGE,
  WORKER_CONFIG_ENV,
  type WorkerMessage,
  WorkerProcessConfigSchema,
} from './worker-protocol.js';

const send = (message: WorkerMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });

async function main(): Promise<void> {
  const config = parseInput(
    WorkerProcessConfigSchema,
    JSON.parse(process.env[WORKER_CONFIG_ENV] ?? 'null'),
    'worker process config',
  );
  const warnings: string[] = [];
  const { memory } = await openMemory({
    target: { url: config.redisUrl, source: 'option' },
    namespace: config.namespace,
    patternsRepo: config.patternsRepo,
    leaseMs: config.leaseMs,
    warnings,
  });
  try {
    // Without Redis a worker process would coordinate with nobody: refuse rather than pretend.
    if (memory.backend !== 'redis')
      throw new MemoryError(
        'BACKEND_UNAVAILABLE',
        `no Redis at the orchestrator's URL (${memory.degradedReason})`,
      );
    const codebase = await loadCodebase();
    const started = new Promise<void>((resolve) => {
      process.on('message', (message) => {
        if ((message as { type?: unknown })?.type === START_MESSAGE.type) resolve();
      });
    });
    await send({ type: 'ready' });
    await started;
    const recorder = new LatencyRecorder();
    const outcome = await runWorker({
      memory,
      agentId: config.agentId,
      index: config.index,
      run: config.run,
      analyzer: createRuleBasedAnalyzer(),
      codebase,
      leaseMs: config.leaseMs,
      thinkMs: config.thinkMs,
      random: seededRandom(config.seed).fork(`${config.agentId}-run${config.run}`),
      recorder,
      ...(config.doomed
        ? {
            // Tell the orchestrator, then hang as a stuck model call would, until SIGKILL arrives.
            crash: async (claim, task) => {
              await send({ type: 'mid-task', taskId: task.id, token: claim.token });
              await delay(60_000);
            },
          }
        : {}),
    });
    await send({ type: 'done', completed: outcome.completed, latency: recorder.samples(), warnings });
  } finally {
    await memory.close();
  }
}

main().then(
  () => process.disconnect?.(),
  async (error: unknown) => {
    await send({ type: 'failed', message: toMemoryError(error).message });
    process.exitCode = 1;
    process.disconnect?.();
  },
);
