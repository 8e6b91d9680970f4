import { useTestRedis } from '@agent-memory/redis-harness';
import { createMemory, isMemoryError, type Memory, silentLogger } from 'agent-memory';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, scanAll } from './chaos-helpers.js';

// Always a private server (never REDIS_URL): the test SCANs the whole keyspace afterwards.
let stop: () => Promise<void>;
let raw: Redis;
let memory: Memory;
const ns = 'chaos-fuzz';

beforeAll(async () => {
  const saved = process.env.REDIS_URL;
  delete process.env.REDIS_URL;
  const redis = await useTestRedis();
  if (saved !== undefined) process.env.REDIS_URL = saved;
  stop = () => redis.stop();
  raw = adminClient(redis.url);
  memory = await createMemory(
    { namespace: ns, redis: { url: redis.url, commandTimeoutMs: 5000 }, patterns: false },
    { logger: silentLogger },
  );
});
afterAll(async () => {
  await memory?.close();
  raw?.disconnect();
  await stop?.();
});

const deep = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { d: value };
  return value;
};

const hostile = fc.oneof(
  fc.constantFrom(
    '',
    '*',
    '?',
    '[a-z]',
    'a*b',
    'other-ns:session:x',
    `${ns}:x`,
    '{tag}',
    '}{',
    'a b',
    'line\nbreak',
    'carriage\rreturn',
    'nul\u0000byte',
    '__proto__',
    'constructor',
    'prototype',
    '..',
    '../../etc/passwd',
    'x'.repeat(300),
    'x'.repeat(2_000_000),
    '\u202e-rtl',
    '😀',
    'EVAL',
    'a:b:c',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const hostileJson = fc.oneof(
  fc.constant({ __proto__: { polluted: true } } as unknown),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')),
  // Past MAX_JSON_DEPTH (100) is INVALID_INPUT; 20,000 levels once overflowed zod's recursive schema.
  fc.constant(deep(50)),
  fc.constant(deep(500)),
  fc.constant(deep(20_000)),
  fc.constant({ big: 'y'.repeat(2_000_000) }),
  fc.constant([1, 2, 3] as unknown),
  fc.constant(null as unknown),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every public facade function, fed hostile values in every argument position. */
const calls: ((s: string, t: string, j: unknown) => Promise<unknown>)[] = [
  (s, t, j) => memory.sessions.start({ id: s, userId: t, project: s, context: j as never }),
  (s) => memory.sessions.get(s),
  (s, _t, j) => memory.sessions.update(s, { context: j as never }),
  (s) => memory.sessions.end(s),
  (s, t) => memory.conversation(s).append({ role: 'user', content: t }),
  (s, _t, j) => memory.conversation('u').append({ role: s as never, content: 'c', meta: j as never }),
  (s) => memory.conversation(s).recent(3),
  (s) => memory.conversation(s).clear(),
  (s, t) => memory.tasks.claim(s, t, { heartbeat: false, leaseMs: 60_000 }),
  (s) => memory.tasks.owner(s),
  (s) => memory.findings.list(s),
  async (s, t, j) =>
    memory.agent('fuzzer').share(s, { subject: t, verdict: t, confidence: 0.5, data: j as never }),
  async (s, t) => memory.agent(s).publish({ event: 'analysis_complete', task_id: t, findings_count: 1 }),
  (s, t) => memory.audit({ taskId: s, types: [t] }),
  (s, t) => memory.recall(s, { scope: 'conversation', userId: t }),
  (s, t) => memory.promote(s, { by: t }),
  (s, t, j) =>
    memory.events.subscribe(() => {}, { channel: s, types: [t], ...(j === null ? { pattern: s } : {}) }),
];

describe('hostile input through the Memory facade', () => {
  it('only typed errors, nothing half-written, no key outside the namespace', async () => {
    const untyped: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: calls.length - 1 }),
        hostile,
        hostile,
        hostileJson,
        async (which, s, t, j) => {
          const before = await raw.dbsize();
          try {
            const result = await calls[which]!(s, t, j);
            if (result && typeof (result as { unsubscribe?: unknown }).unsubscribe === 'function') {
              await (result as { unsubscribe(): Promise<void> }).unsubscribe();
            }
          } catch (error) {
            if (!isMemoryError(error)) untyped.push(`call ${which}: ${String(error).slice(0, 200)}`);
            // A refused call wrote nothing.
            expect(await raw.dbsize(), `call ${which} refused but wrote`).toBe(before);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
    expect(untyped).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const outside = (await scanAll(raw)).filter((key) => !key.startsWith(`${ns}:`));
    expect(outside).toEqual([]);
  });

  it('malformed data another client wrote is a typed error naming the key, and never kills a subscriber', async () => {
    await raw.rpush(`${ns}:task:{bad}:findings`, '{not json');
    await raw.set(`${ns}:session:bad`, 'a string, not a hash');
    const findings = await memory.findings.list('bad').catch((e: unknown) => e);
    expect(isMemoryError(findings, 'CORRUPT_DATA')).toBe(true);
    expect((findings as Error).message).toContain(`${ns}:task:{bad}:findings`);
    const session = await memory.sessions.get('bad').catch((e: unknown) => e);
    expect(isMemoryError(session, 'CORRUPT_DATA')).toBe(true);
    expect((session as Error).message).toContain(`${ns}:session:bad`);

    const errors: string[] = [];
    const heard: number[] = [];
    const subscription = await memory.events.subscribe(
      (event) => {
        if (event.event === 'analysis_complete') heard.push(event.findings_count);
      },
      { onError: (error) => errors.push(error.code) },
    );
    const channel = `${ns}:agent:events`;
    for (const junk of [
      '{',
      'null',
      '"text"',
      '{"event":"task_claimed"}',
      '{"__proto__":{"x":1}}',
      '\u0000',
    ]) {
      await raw.publish(channel, junk);
    }
    await memory.agent('agent-ok').publish({ event: 'analysis_complete', task_id: 't', findings_count: 7 });
    const deadline = Date.now() + 10_000;
    while (!heard.includes(7) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([7]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((code) => code === 'CORRUPT_DATA')).toBe(true);
    await subscription.unsubscribe();
  });
});
