import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test/redis-fixture.js';
import { freePort, type RedisServer, startRedisServer } from '../test/redis-servers.js';
import { createRedisAdapter, type RedisAdapter } from './index.js';

// A server of our own: these tests pause and kill it.
let server: RedisServer;
let admin: Redis;
const adapters: RedisAdapter[] = [];
const open = (options: Parameters<typeof createRedisAdapter>[0] = {}) => {
  const adapter = createRedisAdapter({
    url: server.url,
    namespace: 'resilience',
    commandTimeoutMs: 300,
    ...options,
  });
  adapters.push(adapter);
  return adapter;
};

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
});
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
  admin.disconnect();
  await server.stop();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? String(error),
  );

describe('redis adapter when the server misbehaves', () => {
  it('times out with BACKEND_UNAVAILABLE while the server is paused, then recovers', async () => {
    const adapter = open();
    await adapter.ping();
    await adapter.sessions.start({ id: 's1', userId: 'u' });
    await admin.client('PAUSE', 1500, 'ALL');
    const calls = await Promise.all([
      codeOf(adapter.sessions.get('s1')),
      codeOf(adapter.leases.acquire('t1', 'agent', 1000)),
      codeOf(adapter.conversation.append('u', { role: 'user', content: 'x' })),
      codeOf(adapter.log.readGroup('s', 'g', 'c', { blockMs: 100 })),
      codeOf(adapter.ping()),
    ]);
    expect(calls).toEqual(Array(calls.length).fill('BACKEND_UNAVAILABLE'));
    await eventually(async () => (await codeOf(adapter.sessions.get('s1'))) === 'resolved');
    expect(await adapter.sessions.get('s1')).toMatchObject({ id: 's1' });
  });

  it('bounds every call on a client passed in without a commandTimeout', async () => {
    const given = new Redis(server.url, { maxRetriesPerRequest: 1 });
    given.on('error', () => {});
    const adapter = createRedisAdapter({
      client: given,
      closeClient: true,
      namespace: 'given',
      commandTimeoutMs: 300,
    });
    adapters.push(adapter);
    await adapter.sessions.start({ id: 's1', userId: 'u' });
    await admin.client('PAUSE', 1500, 'ALL');
    const calls = await Promise.all([
      codeOf(adapter.sessions.get('s1')),
      codeOf(adapter.leases.acquire('t1', 'agent', 1000)),
      codeOf(adapter.findings.append('t1', { agentId: 'agent', subject: 's', verdict: 'v', confidence: 1 })),
      codeOf(adapter.events.publish('c', { n: 1 })),
    ]);
    expect(calls).toEqual(Array(calls.length).fill('BACKEND_UNAVAILABLE'));
    await eventually(async () => (await codeOf(adapter.sessions.get('s1'))) === 'resolved');
  });

  it('loads its scripts again after SCRIPT FLUSH (EVALSHA falls back to EVAL)', async () => {
    const adapter = open();
    expect(await adapter.leases.acquire('flushed', 'agent', 60_000)).toMatchObject({ token: 1 });
    await admin.script('FLUSH');
    expect(await adapter.leases.get('flushed')).toMatchObject({ owner: 'agent', token: 1 });
    await adapter.findings.append('flushed', { agentId: 'agent', subject: 's', verdict: 'v', confidence: 1 });
    expect(await adapter.findings.count('flushed')).toBe(1);
  });

  it('fails fast with BACKEND_UNAVAILABLE while the server is down and reconnects after', async () => {
    const adapter = open();
    await adapter.records.put('c', 'r', { n: 1 }, { ttlMs: 60_000 });
    await server.kill('SIGKILL');
    expect(await codeOf(adapter.records.get('c', 'r'))).toBe('BACKEND_UNAVAILABLE');
    expect(await codeOf(adapter.findings.count('t'))).toBe('BACKEND_UNAVAILABLE');
    await server.restart();
    // no persistence: the server comes back empty, but the adapter works again
    await eventually(async () => (await codeOf(adapter.records.get('c', 'r'))) === 'resolved', 10_000);
    expect(await adapter.records.put('c', 'r', { n: 2 }, { ttlMs: 60_000 })).toMatchObject({ version: 1 });
  });

  it('reports BACKEND_UNAVAILABLE for a server that is not there', async () => {
    const port = await freePort();
    const adapter = createRedisAdapter({ url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 300 });
    expect(await codeOf(adapter.ping())).toBe('BACKEND_UNAVAILABLE');
    expect(await codeOf(adapter.sessions.start({ userId: 'u' }))).toBe('BACKEND_UNAVAILABLE');
    await adapter.close();
    expect(await codeOf(adapter.ping())).toBe('CLOSED');
  });

  it('leaves a client it was given open unless told to close it', async () => {
    const given = new Redis(server.url);
    const borrowed = createRedisAdapter({ client: given, namespace: 'borrowed' });
    await borrowed.leases.acquire('t', 'agent', 1000);
    await borrowed.close();
    expect(await given.ping()).toBe('PONG');
    const owned = createRedisAdapter({ client: given, namespace: 'borrowed', closeClient: true });
    expect(await owned.leases.get('t')).toMatchObject({ owner: 'agent' });
    await owned.close();
    await eventually(() => given.status === 'end');
  });

  it('connects as an ACL user from the url; keys outside its grant are FORBIDDEN', async () => {
    await admin.acl('SETUSER', 'agent', 'on', '>s3cret', '~acl:*', '&acl:*', '+@all');
    const url = `redis://agent:s3cret@127.0.0.1:${server.port}`;
    const allowed = createRedisAdapter({ url, namespace: 'acl' });
    const outside = createRedisAdapter({ url, namespace: 'elsewhere' });
    adapters.push(allowed, outside);
    expect(await allowed.leases.acquire('t', 'agent', 1000)).toMatchObject({ owner: 'agent' });
    expect(await codeOf(outside.leases.acquire('t', 'agent', 1000))).toBe('FORBIDDEN');
    expect(await codeOf(outside.sessions.get('s'))).toBe('FORBIDDEN');
  });

  it('a blocking read does not hold up the other calls', async () => {
    const adapter = open();
    await adapter.log.createGroup('jobs', 'g', '$');
    const order: string[] = [];
    const blocked = adapter.log.readGroup('jobs', 'g', 'c', { blockMs: 3000 }).then((entries) => {
      order.push('read');
      return entries;
    });
    await adapter.sessions.start({ id: 'meanwhile', userId: 'u' });
    order.push('session');
    await adapter.log.append('jobs', { n: 1 });
    expect((await blocked).map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(order).toEqual(['session', 'read']);
  });
});
