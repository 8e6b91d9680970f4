import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisTarget, type RedisTarget } from '../redis-target.js';
import { prepareRedisOperations, type RedisOperations } from './redis-operations.js';

/** The text of a message, whoever returned it: ours, raw JSON, or a LangChain message. */
function contentOf(message: unknown): string {
  const m = message as { content?: unknown; text?: unknown };
  if (typeof m.content === 'string') return m.content;
  throw new Error(`no content in ${JSON.stringify(message)}`);
}

// Contenders are compared only if they do the same job: this checks that they return the same.
describe('the contenders of each operation do the same job', () => {
  let redis: TestRedis;
  let target: RedisTarget;
  let world: RedisOperations;

  beforeAll(async () => {
    redis = await useTestRedis();
    target = await openRedisTarget({ url: redis.url, namespace: redis.namespace('bench-ops') });
    world = await prepareRedisOperations(target);
  }, 30_000);

  afterAll(async () => {
    await world?.close();
    await target?.close();
    await redis?.stop();
  });

  const spec = (id: string) => world.specs.find((s) => s.id === id)!;

  it('context retrieval: every contender returns the same newest 10 messages', async () => {
    const [ours, raw, peer] = spec('context-retrieval').contenders;
    expect(peer!.label).toContain('@langchain/redis');
    const oursTexts = ((await ours!.op(3)) as unknown[]).map(contentOf);
    const rawTexts = ((await raw!.op(3)) as unknown[]).map(contentOf);
    const peerTexts = ((await peer!.op(3)) as unknown[]).map(contentOf);
    expect(oursTexts).toHaveLength(10);
    expect(oursTexts[0]).toMatch(/^message 9\d: /);
    // Raw LRANGE reads newest first; LangChain returns oldest first.
    expect(new Set(rawTexts)).toEqual(new Set(oursTexts));
    expect(new Set(peerTexts)).toEqual(new Set(oursTexts));
  });

  it('session read: ours and raw return the same context', async () => {
    const [ours, raw] = spec('session-read').contenders;
    const a = (await ours!.op(5)) as { context: unknown };
    const b = (await raw!.op(5)) as { context: unknown };
    expect(a.context).toEqual(b.context);
  });

  it('claims: every contender really claims its task (an op throws CONFLICT when it did not)', async () => {
    for (const id of ['claim', 'coordination-write']) {
      for (const contender of spec(id).contenders) {
        await expect(contender.op(0), `${id} ${contender.label}`).resolves.not.toThrow();
      }
    }
  });

  it('pub/sub: every contender completes once its message arrived (it rejects after 5 s otherwise)', async () => {
    for (const contender of spec('pubsub').contenders) {
      await expect(contender.op(0), contender.label).resolves.toBeUndefined();
    }
  });
});
