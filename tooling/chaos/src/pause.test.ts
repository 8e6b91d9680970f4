import { type RedisServer, startRedisServer } from '@agent-memory/redis-harness';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, codeOf, measureRecovery, sleep } from './chaos-helpers.js';

// A private server: these tests freeze it with CLIENT PAUSE and DEBUG SLEEP.
let server: RedisServer;
let admin: Redis;
let memory: Memory;
const timeoutMs = 300;

beforeAll(async () => {
  server = await startRedisServer({ args: ['--enable-debug-command', 'yes'] });
  admin = adminClient(server.url);
  memory = await createMemory(
    { namespace: 'chaos-pause', redis: { url: server.url, commandTimeoutMs: timeoutMs }, patterns: false },
    { logger: silentLogger },
  );
});
afterAll(async () => {
  await memory?.close();
  admin?.disconnect();
  await server?.stop();
});

/** Every facade call a paused server could hang: each must settle with a typed error. */
const facadeCalls = (m: Memory) => [
  codeOf(m.sessions.get('s1')),
  codeOf(m.tasks.claim('paused-task', 'agent-a', { heartbeat: false })),
  codeOf(m.conversation('alice').append({ role: 'user', content: 'hello' })),
  codeOf(m.findings.list('paused-task')),
  codeOf(m.audit({ taskId: 'paused-task' })),
  codeOf(m.agent('agent-a').share('paused-task', { subject: 'x', verdict: 'ok', confidence: 1 })),
];

describe('redis frozen past the command timeout', () => {
  it('CLIENT PAUSE: calls fail with BACKEND_UNAVAILABLE, status says unhealthy, then all succeed again', async () => {
    await memory.sessions.start({ id: 's1', userId: 'alice' });
    const pausedAt = Date.now();
    await admin.client('PAUSE', 2000, 'ALL');
    const codes = await Promise.all(facadeCalls(memory));
    console.log(`[chaos] CLIENT PAUSE: ${codes.length} calls settled after ${Date.now() - pausedAt} ms`);
    expect(codes).toEqual(Array(codes.length).fill('BACKEND_UNAVAILABLE'));
    const status = await memory.status();
    expect(status.healthy).toBe(false);
    await measureRecovery('CLIENT PAUSE 2000 ms', pausedAt, () => memory.sessions.get('s1'));
    expect(await memory.sessions.get('s1')).toMatchObject({ id: 's1' });
    expect(await memory.tasks.claim('after-pause', 'agent-a', { heartbeat: false })).not.toBeNull();
  });

  it('DEBUG SLEEP: a server that stops answering entirely is the same typed failure, then recovers', async () => {
    const sleeper = adminClient(server.url);
    await sleeper.ping();
    const sleptAt = Date.now();
    const sleeping = sleeper.call('DEBUG', 'SLEEP', '3').catch(() => undefined);
    // Let the DEBUG SLEEP reach the server before the facade calls do.
    await sleep(200);
    const codes = await Promise.all(facadeCalls(memory));
    console.log(`[chaos] DEBUG SLEEP: ${codes.length} calls settled after ${Date.now() - sleptAt} ms`);
    expect(codes).toEqual(Array(codes.length).fill('BACKEND_UNAVAILABLE'));
    await sleeping;
    sleeper.disconnect();
    await measureRecovery('DEBUG SLEEP 3 s', sleptAt, () => memory.findings.list('paused-task'));
    expect(await codeOf(memory.conversation('alice').recent(1))).toBe('resolved');
  });
});
