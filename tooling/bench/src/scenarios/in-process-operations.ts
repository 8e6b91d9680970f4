import { type Lease, MemoryError, type ShortTermAdapter } from '@agent-memory/core';
import type { Profile } from '../bench-options.js';
import { summarize } from '../latency-stats.js';
import { measureBatched, type Operation } from '../measure.js';
import { ReceiptWaiter } from '../receipt-waiter.js';
import type { LocalOpResult } from '../report-model.js';
import { agentEvent, FINDING, SESSION_CONTEXT, sampleMessage } from '../sample-data.js';

export const USERS = 64;
/** Tasks claimed and live at once: a busy team's worth. */
export const LIVE_TASKS = 10_000;

/** One operation of an in-process section, with the untimed housekeeping before each batch. */
export interface LocalOp {
  id: string;
  title: string;
  op: Operation;
  beforeBatch?: (first: number, size: number) => Promise<void>;
}

/**
 * Claims cycle through LIVE_TASKS task ids, and the tasks a batch is about to claim again are
 * released before it, untimed. Claiming a new task every time instead would grow the store with
 * every operation, so a longer run would report a slower adapter.
 */
export class TaskCycle {
  private readonly held: (Lease | undefined)[] = [];

  constructor(
    private readonly adapter: ShortTermAdapter,
    private readonly prefix: string,
    /** At least a batch: a batch must never meet its own claims. */
    private readonly size: number,
  ) {}

  async claim(i: number): Promise<string> {
    const task = `${this.prefix}-${i % this.size}`;
    const lease = await this.adapter.leases.acquire(task, 'agent-a', 60_000);
    if (!lease) throw new MemoryError('CONFLICT', `bench task ${task} was unexpectedly held`);
    this.held[i % this.size] = lease;
    return task;
  }

  async free(first: number, size: number): Promise<void> {
    for (let i = first; i < first + size; i++) {
      const lease = this.held[i % this.size];
      if (lease === undefined) continue;
      this.held[i % this.size] = undefined;
      await this.adapter.leases.release(lease);
    }
  }
}

/**
 * Seeds `adapter` (64 users with a session and a 100-message window, a subscriber) and returns
 * the four operations plus a bare claim and a bare share, as the local and SQLite sections run them.
 */
export async function inProcessOperations(adapter: ShortTermAdapter, profile: Profile): Promise<LocalOp[]> {
  for (let i = 0; i < USERS; i++) {
    await adapter.sessions.start({ id: `s-${i}`, userId: `user-${i}`, context: SESSION_CONTEXT });
    await adapter.conversation.appendMany(
      `user-${i}`,
      Array.from({ length: 100 }, (_, n) => sampleMessage(n)),
    );
  }
  const waiter = new ReceiptWaiter();
  await adapter.events.subscribe('bench', (message) =>
    waiter.deliver((message.payload as { seq?: unknown }).seq),
  );
  let seq = 0;
  const cycle = Math.max(LIVE_TASKS, profile.localBatchSize);
  const write = new TaskCycle(adapter, 't', cycle);
  const claim = new TaskCycle(adapter, 'c', cycle);
  return [
    { id: 'session-read', title: 'sessions.get', op: (i) => adapter.sessions.get(`s-${i % USERS}`) },
    {
      id: 'coordination-write',
      title: 'leases.acquire + findings.append',
      op: async (i) => {
        const task = await write.claim(i);
        return adapter.findings.append(task, FINDING);
      },
      beforeBatch: (first, size) => write.free(first, size),
    },
    {
      id: 'claim',
      title: 'leases.acquire',
      op: (i) => claim.claim(i),
      beforeBatch: (first, size) => claim.free(first, size),
    },
    {
      id: 'share',
      title: 'findings.append',
      op: (i) => adapter.findings.append(`f-${i % USERS}`, FINDING),
    },
    {
      id: 'pubsub',
      title: 'events.publish → handler',
      op: async () => {
        const n = seq++;
        const received = waiter.wait(n, 0);
        await adapter.events.publish('bench', agentEvent(n));
        return received;
      },
    },
    {
      id: 'context-retrieval',
      title: 'conversation.recent(user, 10)',
      op: (i) => adapter.conversation.recent(`user-${i % USERS}`, 10),
    },
  ];
}

/** Each op in timed batches (see measureBatched); `target` gives each op's p50 target in µs, if any. */
export async function measureInProcess(
  ops: LocalOp[],
  profile: Profile,
  log: (line: string) => void,
  target: (id: string) => number | null,
): Promise<LocalOpResult[]> {
  const results: LocalOpResult[] = [];
  for (const { id, title, op, beforeBatch } of ops) {
    const samples = await measureBatched(op, {
      batchSize: profile.localBatchSize,
      batches: profile.localBatches,
      warmupBatches: Math.max(1, Math.round(profile.localBatches / 10)),
      ...(beforeBatch ? { beforeBatch } : {}),
    });
    const latency = summarize(samples);
    const targetUs = target(id);
    results.push({
      id,
      title,
      latency,
      opsPerSec: 1e6 / latency.mean,
      targetUs,
      targetMet: targetUs === null ? null : latency.p50 <= targetUs,
    });
    log(`  ${title.padEnd(36)} p50 ${latency.p50.toFixed(2)} µs`);
  }
  return results;
}
