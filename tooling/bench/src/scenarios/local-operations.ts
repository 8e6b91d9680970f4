import { createLocalAdapter } from '@agent-memory/local-adapter';
import type { Profile } from '../bench-options.js';
import { summarize } from '../latency-stats.js';
import { measureBatched, type Operation } from '../measure.js';
import { TARGETS } from '../operation-spec.js';
import { ReceiptWaiter } from '../receipt-waiter.js';
import type { LocalOpResult } from '../report-model.js';
import { agentEvent, FINDING, SESSION_CONTEXT, sampleMessage } from '../sample-data.js';

const USERS = 64;

/**
 * The same four operations on the in-process adapter. One op takes about as long as reading the
 * clock, so each sample is a timed batch of awaited ops divided by the batch size.
 */
export async function runLocalOperations(
  profile: Profile,
  log: (line: string) => void,
): Promise<LocalOpResult[]> {
  const adapter = createLocalAdapter({ namespace: 'bench', sweepIntervalMs: 0 });
  try {
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
    let task = 0;
    let seq = 0;
    const ops: { id: string; title: string; op: Operation }[] = [
      { id: 'session-read', title: 'sessions.get', op: (i) => adapter.sessions.get(`s-${i % USERS}`) },
      {
        id: 'coordination-write',
        title: 'leases.acquire + findings.append',
        op: async () => {
          const id = `t-${task++}`;
          await adapter.leases.acquire(id, 'agent-a', 60_000);
          return adapter.findings.append(id, FINDING);
        },
      },
      {
        id: 'claim',
        title: 'leases.acquire',
        op: () => adapter.leases.acquire(`c-${task++}`, 'agent-a', 60_000),
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
    const results: LocalOpResult[] = [];
    for (const { id, title, op } of ops) {
      const samples = await measureBatched(op, {
        batchSize: profile.localBatchSize,
        batches: profile.localBatches,
        warmupBatches: Math.max(1, Math.round(profile.localBatches / 10)),
      });
      const latency = summarize(samples);
      results.push({
        id,
        title,
        latency,
        opsPerSec: 1e6 / latency.mean,
        targetMet: latency.p50 < TARGETS.localP50Us,
      });
      log(`  ${title.padEnd(36)} p50 ${latency.p50.toFixed(2)} µs`);
    }
    return results;
  } finally {
    await adapter.close();
  }
}
