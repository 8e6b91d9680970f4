import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { type Agent, createMemory, type Memory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../test/sse-client.js';
import { createHttpServer, type HttpServer } from './http-server.js';

// Two processes' worth of memory on one Redis: the server's, and the agents' (another createMemory),
// so events reach the stream through Redis pub/sub and the audit stream, not in-process shortcuts.
let redis: TestRedis;
let serverMemory: Memory;
let agentsMemory: Memory;
let server: HttpServer;
let alice: Agent;
const clients: SseClient[] = [];
const TOKEN = 'sse-test-token-0123456789';

beforeAll(async () => {
  redis = await useTestRedis();
  const namespace = redis.namespace('sse');
  const config = { redis: redis.url, namespace, patterns: false as const };
  serverMemory = await createMemory(config, { logger: silentLogger });
  agentsMemory = await createMemory(config, { logger: silentLogger });
  expect(serverMemory.backend).toBe('redis');
  // A long poll interval: events must arrive because of the bus notification, not the safety poll.
  server = await createHttpServer(serverMemory, { port: 0, token: TOKEN, ssePollMs: 600_000 });
  alice = agentsMemory.agent('alice', { role: 'contributor' });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
  await serverMemory?.close();
  await agentsMemory?.close();
  await redis?.stop();
});

async function open(query = '', headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await SseClient.connect(`${server.url}/events?token=${TOKEN}${query}`, headers);
  clients.push(client);
  expect(client.status).toBe(200);
  const ready = await client.next();
  expect(ready.event).toBe('ready');
  return client;
}

let counter = 0;
function analysis(taskId = 'sse-task') {
  counter += 1;
  return alice.publish({ event: 'analysis_complete', task_id: taskId, findings_count: counter });
}

const counts = (events: { data: unknown }[]) =>
  events.map((e) => (e.data as { findings_count: number }).findings_count);

describe('GET /events', () => {
  it('streams coordination events live, with their audit ids as SSE ids', async () => {
    const client = await open();
    const claim = await alice.claim('sse-claimed', { leaseMs: 30_000 });
    await alice.share('sse-claimed', { subject: 'src/a.ts', verdict: 'bug', confidence: 0.8 });
    const [claimed, shared] = await client.messages(2);
    expect(claimed!.data).toMatchObject({ event: 'task_claimed', agent_id: 'alice', task_id: 'sse-claimed' });
    expect(shared!.data).toMatchObject({ event: 'finding_shared', verdict: 'bug' });
    const trail = await agentsMemory.audit({ taskId: 'sse-claimed' });
    expect([claimed!.id, shared!.id]).toEqual(trail.map((entry) => entry.id));
    await claim?.release();
    client.close();
  });

  it('resumes after a disconnect with Last-Event-ID: exactly what was missed, then live', async () => {
    const first = await open();
    await analysis();
    await analysis();
    const seen = await first.messages(2);
    const before = counts(seen);
    first.close();

    await analysis(); // missed while disconnected
    await analysis(); // missed while disconnected
    const lastId = seen[1]!.id!;
    const second = await open('', { 'last-event-id': lastId });
    await analysis(); // live again
    const resumed = await second.messages(3);
    expect(counts(resumed)).toEqual([before[1]! + 1, before[1]! + 2, before[1]! + 3]);
    const ids = resumed.map((e) => e.id!);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]! > lastId).toBe(true);

    // Nothing was delivered twice: the next message is the next event.
    await analysis();
    expect(counts(await second.messages(1))).toEqual([before[1]! + 4]);
    second.close();
  });

  it('misses nothing and repeats nothing while events race the replay', async () => {
    const anchor = await analysis('race');
    const [entry] = (await agentsMemory.audit({ taskId: 'race' })).slice(-1);
    expect(entry!.event).toMatchObject(anchor);
    // Fire a burst without waiting, and connect in the middle of it.
    const burst = Array.from({ length: 25 }, () => analysis('race'));
    const client = await open(`&taskId=race&lastEventId=${entry!.id}`);
    await Promise.all(burst);
    const received = await client.messages(25);
    const expected = (await agentsMemory.audit({ taskId: 'race', after: entry!.id })).map((e) => e.id);
    expect(received.map((e) => e.id)).toEqual(expected);
    await analysis('race');
    expect((await client.messages(1))[0]!.id! > expected[expected.length - 1]!).toBe(true);
    client.close();
  });

  it('filters by event type glob and by task', async () => {
    const client = await open('&types=conflict_*,task_completed');
    await analysis('filtered');
    await alice.share('filtered', { subject: 'src/b.ts', verdict: 'bug', confidence: 0.9 });
    await agentsMemory
      .agent('bob', { role: 'contributor' })
      .share('filtered', { subject: 'src/b.ts', verdict: 'ok', confidence: 0.9 });
    const [conflict] = await client.messages(1);
    expect(conflict!.data).toMatchObject({
      event: 'conflict_detected',
      task_id: 'filtered',
      subject: 'src/b.ts',
    });
    client.close();

    const bad = await SseClient.connect(`${server.url}/events?token=${TOKEN}&types=DROP%20TABLE`);
    expect(bad.status).toBe(400);
  });

  it('streams another channel live (no ids) with ?channel=', async () => {
    const client = await open('&channel=team:alerts');
    const ready = client.received[0]!;
    expect(ready.data).toMatchObject({ mode: 'live' });
    await agentsMemory.events.publish(
      {
        event: 'analysis_complete',
        agent_id: 'ops',
        task_id: 'x',
        findings_count: 1,
        ts: new Date().toISOString(),
      },
      'team:alerts',
    );
    const [message] = await client.messages(1);
    expect(message!.id).toBeUndefined();
    expect(message!.data).toMatchObject({
      event: 'analysis_complete',
      agent_id: 'ops',
      channel: 'team:alerts',
    });
    client.close();
  });

  it('takes the token from the Authorization header too, and refuses a wrong one', async () => {
    const viaHeader = await SseClient.connect(`${server.url}/events`, { authorization: `Bearer ${TOKEN}` });
    clients.push(viaHeader);
    expect(viaHeader.status).toBe(200);
    viaHeader.close();
    const wrong = await SseClient.connect(`${server.url}/events?token=wrong-token-wrong-token`);
    expect(wrong.status).toBe(401);
  });
});
