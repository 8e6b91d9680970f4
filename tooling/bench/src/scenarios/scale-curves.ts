import { createKeyspace } from '@agent-memory/core';
import { createRedisAdapter } from '@agent-memory/redis-adapter';
import type { Profile } from '../bench-options.js';
import { summarize } from '../latency-stats.js';
import { measureLoad, measureSerial, type Operation } from '../measure.js';
import type { OperationSpec } from '../operation-spec.js';
import type { RedisTarget } from '../redis-target.js';
import type { CurvePoint, CurveSeries, Implementation } from '../report-model.js';
import { sampleMessage } from '../sample-data.js';

const CURVE_OPS = ['session-read', 'coordination-write', 'pubsub', 'context-retrieval'];
const CURVE_IMPLS: Implementation[] = ['ours', 'raw'];

/** Latency and throughput of each operation vs the number of agents calling at once. */
export async function concurrencyCurves(
  specs: OperationSpec[],
  profile: Profile,
  log: (line: string) => void,
): Promise<CurveSeries[]> {
  const series: CurveSeries[] = [];
  for (const spec of specs.filter((s) => CURVE_OPS.includes(s.id))) {
    for (const contender of spec.contenders.filter((c) => CURVE_IMPLS.includes(c.impl))) {
      const points: CurvePoint[] = [];
      for (const agents of profile.agents) {
        const load = await measureLoad(contender.op, {
          ops: Math.max(profile.scaleOps, agents * 10),
          concurrency: agents,
          warmup: Math.min(profile.warmup, 500),
        });
        points.push({
          x: agents,
          p50Us: load.latency.p50,
          p95Us: load.latency.p95,
          opsPerSec: load.opsPerSec,
        });
      }
      log(
        `  ${spec.id} ${contender.label}: ${points.map((p) => `${p.x}→${Math.round(p.opsPerSec)}/s`).join(' ')}`,
      );
      series.push({ op: spec.id, impl: contender.impl, label: `${spec.id} (${contender.label})`, points });
    }
  }
  return series;
}

/**
 * Reading a conversation window vs its length: the whole window (`recent(L)`, grows with L) and the
 * newest 10 (`recent(10)`, should not). Latency is serial; throughput uses `profile.concurrency`.
 */
export async function windowCurves(
  target: RedisTarget,
  profile: Profile,
  log: (line: string) => void,
): Promise<CurveSeries[]> {
  const longest = Math.max(...profile.windowLengths);
  const namespace = target.namespace;
  const keys = createKeyspace(namespace);
  const adapter = createRedisAdapter({
    url: target.url,
    namespace,
    limits: { windowLength: longest },
    ttl: { windowMs: 600_000 },
  });
  const raw = target.connect();
  try {
    const curves = new Map<string, CurveSeries>();
    const add = async (id: string, impl: Implementation, label: string, x: number, op: Operation) => {
      // Reading 1,000 messages costs ~10x reading 100: fewer operations keep each point's time alike.
      const share = id === 'recent-all' ? Math.min(1, 100 / x) : 1;
      const iterations = Math.max(50, Math.round((profile.latencyIterations / 2) * share));
      const serial = summarize(await measureSerial(op, Math.min(profile.warmup, 200), iterations));
      const load = await measureLoad(op, {
        ops: Math.max(200, Math.round((profile.throughputOps / 2) * share)),
        concurrency: profile.concurrency,
        warmup: Math.min(profile.warmup, 200),
      });
      const key = `${id}/${impl}`;
      const series = curves.get(key) ?? { op: id, impl, label, points: [] };
      series.points.push({ x, p50Us: serial.p50, p95Us: serial.p95, opsPerSec: load.opsPerSec });
      curves.set(key, series);
    };
    for (const length of profile.windowLengths) {
      const user = `window-${length}`;
      for (let n = 0; n < length; n += 500) {
        const count = Math.min(500, length - n);
        await adapter.conversation.appendMany(
          user,
          Array.from({ length: count }, (_, k) => sampleMessage(n + k)),
        );
      }
      const key = keys.messages(user);
      const parseAll = (items: string[]) => items.map((item) => JSON.parse(item) as unknown);
      await add('recent-all', 'ours', 'recent(L) (agent-memory)', length, () =>
        adapter.conversation.recent(user, length),
      );
      await add('recent-all', 'raw', 'LRANGE 0 L-1 (raw ioredis)', length, async () =>
        parseAll(await raw.lrange(key, 0, length - 1)),
      );
      await add('recent-10', 'ours', 'recent(10) (agent-memory)', length, () =>
        adapter.conversation.recent(user, 10),
      );
      await add('recent-10', 'raw', 'LRANGE 0 9 (raw ioredis)', length, async () =>
        parseAll(await raw.lrange(key, 0, 9)),
      );
      log(`  window ${length}: done`);
    }
    return [...curves.values()];
  } finally {
    await adapter.close();
  }
}
