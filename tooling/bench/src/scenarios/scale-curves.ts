import { createKeyspace } from '@agent-memory/core';
import { createRedisAdapter } from '@agent-memory/redis-adapter';
import type { Profile } from '../bench-options.js';
import { loadInAlternation, serialInAlternation } from '../interleaved.js';
import { median, summarize } from '../latency-stats.js';
import type { Operation } from '../measure.js';
import type { OperationSpec } from '../operation-spec.js';
import type { RedisTarget } from '../redis-target.js';
import type { CurvePoint, CurveSeries, Implementation } from '../report-model.js';
import { sampleMessage } from '../sample-data.js';

const CURVE_OPS = ['session-read', 'coordination-write', 'pubsub', 'context-retrieval'];
/** The curves compare these two, in this order. */
const CURVE_IMPLS: Implementation[] = ['ours', 'raw'];

/**
 * Latency and throughput of each operation vs the number of agents calling at once. At each point
 * ours and raw alternate over `profile.rounds` rounds and the median round is kept.
 */
export async function concurrencyCurves(
  specs: OperationSpec[],
  profile: Profile,
  log: (line: string) => void,
): Promise<CurveSeries[]> {
  const series: CurveSeries[] = [];
  for (const spec of specs.filter((s) => CURVE_OPS.includes(s.id))) {
    const contenders = spec.contenders.filter((c) => CURVE_IMPLS.includes(c.impl));
    const points = contenders.map(() => [] as CurvePoint[]);
    for (const agents of profile.agents) {
      const rounds = await loadInAlternation(
        contenders.map((c) => c.op),
        {
          rounds: profile.rounds,
          durationMs: profile.scaleMs,
          concurrency: agents,
          warmup: Math.min(profile.warmup, 500),
        },
      );
      for (const [k, results] of rounds.entries()) {
        points[k]!.push({
          x: agents,
          p50Us: median(results.map((r) => r.latency.p50)),
          p95Us: median(results.map((r) => r.latency.p95)),
          opsPerSec: median(results.map((r) => r.opsPerSec)),
        });
      }
    }
    for (const [k, contender] of contenders.entries()) {
      log(
        `  ${spec.id} ${contender.label}: ${points[k]!.map((p) => `${p.x}→${Math.round(p.opsPerSec)}/s`).join(' ')}`,
      );
      series.push({
        op: spec.id,
        impl: contender.impl,
        label: `${spec.id} (${contender.label})`,
        points: points[k]!,
      });
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
    /** One point of series `id` for ours and raw, measured in alternation. */
    const add = async (id: string, x: number, contenders: [string, Operation][]) => {
      // Reading 1,000 messages costs ~10x reading 100: fewer operations keep each point's time alike.
      const share = id === 'recent-all' ? Math.min(1, 100 / x) : 1;
      const iterations = Math.max(50, Math.round((profile.latencyIterations / 2) * share));
      const ops = contenders.map(([, op]) => op);
      const serial = await serialInAlternation(ops, {
        warmup: Math.min(profile.warmup, 200),
        iterations,
        slice: Math.max(10, Math.round(iterations / 10)),
      });
      const load = await loadInAlternation(ops, {
        rounds: profile.rounds,
        durationMs: Math.max(20, Math.round(profile.throughputMs / 2)),
        concurrency: profile.concurrency,
        warmup: Math.min(profile.warmup, 200),
      });
      for (const [k, [label]] of contenders.entries()) {
        const impl = CURVE_IMPLS[k]!;
        const stats = summarize(serial[k]!);
        const key = `${id}/${impl}`;
        const series = curves.get(key) ?? { op: id, impl, label, points: [] };
        series.points.push({
          x,
          p50Us: stats.p50,
          p95Us: stats.p95,
          opsPerSec: median(load[k]!.map((r) => r.opsPerSec)),
        });
        curves.set(key, series);
      }
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
      await add('recent-all', length, [
        ['recent(L) (agent-memory)', () => adapter.conversation.recent(user, length)],
        ['LRANGE 0 L-1 (raw ioredis)', async () => parseAll(await raw.lrange(key, 0, length - 1))],
      ]);
      await add('recent-10', length, [
        ['recent(10) (agent-memory)', () => adapter.conversation.recent(user, 10)],
        ['LRANGE 0 9 (raw ioredis)', async () => parseAll(await raw.lrange(key, 0, 9))],
      ]);
      log(`  window ${length}: done`);
    }
    return [...curves.values()];
  } finally {
    await adapter.close();
  }
}
