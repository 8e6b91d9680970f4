import type { BusMessage } from '@agent-memory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type RedisFixture, useRedisFixture } from '../test/redis-fixture.js';
import type { RedisAdapter } from './index.js';

// The wire protocol of docs/protocol.md, byte for byte: raw ioredis commands play the part of an
// agent in another language (the Python of the original design notes) on the same Redis.
let f: RedisFixture;
let a: RedisAdapter;
let ns: string;
beforeAll(async () => {
  f = await useRedisFixture('protocol');
  a = f.adapter();
  ns = f.namespace;
});
afterAll(() => f.teardown());

describe('sessions: HASH <ns>:session:<id>', () => {
  it('reads a session a foreign agent wrote with HSET + EXPIRE', async () => {
    const key = `${ns}:session:py-1`;
    await f.raw.hset(key, {
      user_id: 'alice',
      project: '/home/alice/app',
      started_at: '2025-12-01T10:00:00.123456+00:00',
      context: JSON.stringify({ goal: 'fix login', files: ['a.py'] }),
      branch: 'main',
    });
    await f.raw.expire(key, 3600);
    expect(await a.sessions.get('py-1')).toEqual({
      id: 'py-1',
      userId: 'alice',
      project: '/home/alice/app',
      startedAt: '2025-12-01T10:00:00.123456+00:00',
      context: { goal: 'fix login', files: ['a.py'] },
      fields: { branch: 'main' },
    });
    const ttl = (await a.sessions.ttl('py-1'))!;
    expect(ttl).toBeGreaterThan(3_000_000);
  });

  it("accepts Python's naive datetime.now().isoformat() as a local time", async () => {
    const key = `${ns}:session:py-naive`;
    await f.raw.hset(key, {
      user_id: 'bob',
      project: 'p',
      started_at: '2025-12-01T10:00:00.123456',
      context: '{}',
    });
    await f.raw.expire(key, 60);
    const session = await a.sessions.get('py-naive');
    expect(session?.startedAt).toBe(new Date('2025-12-01T10:00:00.123').toISOString());
  });

  it('writes exactly the fields a foreign agent reads, with a TTL', async () => {
    const started = await a.sessions.start({
      id: 'ts-1',
      userId: 'carol',
      project: 'proj',
      context: { step: 2, tags: ['x'] },
      fields: { model: 'gpt' },
      ttlMs: 60_000,
    });
    const key = `${ns}:session:ts-1`;
    expect(await f.raw.hgetall(key)).toEqual({
      user_id: 'carol',
      project: 'proj',
      started_at: started.startedAt,
      context: '{"step":2,"tags":["x"]}',
      model: 'gpt',
    });
    expect(started.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const pttl = await f.raw.pttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });
});

describe('window: LIST <ns>:memory:<user>:messages, newest first', () => {
  it('reads messages a foreign agent LPUSHed and LTRIMmed', async () => {
    const key = `${ns}:memory:dave:messages`;
    const m1 = { role: 'user', content: 'first', ts: '2025-12-01T10:00:00.000Z' };
    const m2 = { role: 'assistant', content: 'second', ts: '2025-12-01T10:00:01.000Z' };
    await f.raw.lpush(key, JSON.stringify(m1));
    await f.raw.lpush(key, JSON.stringify(m2));
    await f.raw.ltrim(key, 0, 99);
    await f.raw.expire(key, 60);
    expect(await a.conversation.recent('dave')).toEqual([m2, m1]);
  });

  it('LPUSHes JSON messages newest first, trimmed, with a TTL', async () => {
    const stored = await a.conversation.appendMany('erin', [
      { role: 'user', content: 'q', ts: '2025-12-01T10:00:00.000Z' },
      { role: 'assistant', content: 'a', agentId: 'bot', ts: '2025-12-01T10:00:02.000Z' },
    ]);
    const key = `${ns}:memory:erin:messages`;
    expect(await f.raw.lrange(key, 0, -1)).toEqual([
      '{"role":"assistant","content":"a","ts":"2025-12-01T10:00:02.000Z","agentId":"bot"}',
      '{"role":"user","content":"q","ts":"2025-12-01T10:00:00.000Z"}',
    ]);
    expect(stored.map((m) => m.content)).toEqual(['q', 'a']);
    expect(await f.raw.pttl(key)).toBeGreaterThan(0);
  });
});

describe('leases: STRING <ns>:task:{<id>}:owner + fence counter', () => {
  it('respects a claim a foreign agent made with SET NX PX, and gives it a token', async () => {
    expect(await f.raw.set(`${ns}:task:{py-task}:owner`, 'py-agent', 'PX', 60_000, 'NX')).toBe('OK');
    expect(await a.leases.acquire('py-task', 'ts-agent', 60_000)).toBeNull();
    const lease = await a.leases.get('py-task');
    expect(lease).toMatchObject({ resource: 'py-task', owner: 'py-agent', token: 1 });
    expect(await f.raw.get(`${ns}:task:{py-task}:fence`)).toBe('1');
  });

  it('writes the owner as the plain agent id a foreign agent GETs', async () => {
    const lease = (await a.leases.acquire('ts-task', 'ts-agent', 60_000))!;
    expect(await f.raw.get(`${ns}:task:{ts-task}:owner`)).toBe('ts-agent');
    expect(await f.raw.get(`${ns}:task:{ts-task}:fence`)).toBe(String(lease.token));
    expect(await f.raw.set(`${ns}:task:{ts-task}:owner`, 'py-agent', 'PX', 60_000, 'NX')).toBeNull();
    const expiresAt = Number(await f.raw.call('PEXPIRETIME', `${ns}:task:{ts-task}:owner`));
    expect(lease.expiresAt).toBe(expiresAt);
    expect(await f.raw.pttl(`${ns}:task:{ts-task}:fence`)).toBeGreaterThan(60_000);
    await a.leases.release({ resource: 'ts-task', owner: 'ts-agent' });
    expect(await f.raw.exists(`${ns}:task:{ts-task}:owner`)).toBe(0);
    expect(await f.raw.exists(`${ns}:task:{ts-task}:fence`)).toBe(1);
  });
});

describe('findings: LIST <ns>:task:{<id>}:findings of JSON, newest first', () => {
  it('reads findings a foreign agent LPUSHed (taskId implied by the key)', async () => {
    const key = `${ns}:task:{py-task}:findings`;
    const finding = {
      id: 'f-py',
      agentId: 'py-agent',
      subject: 'auth.py',
      verdict: 'bug',
      confidence: 0.9,
      summary: 'token not checked',
      evidence: ['line 12'],
      createdAt: '2025-12-01T10:00:00+00:00',
    };
    await f.raw.lpush(key, JSON.stringify(finding));
    await f.raw.expire(key, 60);
    expect(await a.findings.list('py-task')).toEqual([{ ...finding, taskId: 'py-task' }]);
  });

  it('LPUSHes the whole finding as JSON with a TTL', async () => {
    const first = await a.findings.append('ts-task', {
      id: 'f1',
      agentId: 'ts-agent',
      subject: 'a.ts',
      verdict: 'ok',
      confidence: 1,
      createdAt: '2025-12-01T10:00:00.000Z',
    });
    const second = await a.findings.append('ts-task', {
      id: 'f2',
      agentId: 'ts-agent',
      subject: 'b.ts',
      verdict: 'bug',
      confidence: 0.5,
      createdAt: '2025-12-01T10:00:01.000Z',
    });
    const key = `${ns}:task:{ts-task}:findings`;
    expect(await f.raw.lrange(key, 0, -1)).toEqual([JSON.stringify(second), JSON.stringify(first)]);
    expect(JSON.parse((await f.raw.lindex(key, 0))!)).toEqual({
      id: 'f2',
      taskId: 'ts-task',
      agentId: 'ts-agent',
      subject: 'b.ts',
      verdict: 'bug',
      confidence: 0.5,
      summary: '',
      evidence: [],
      createdAt: '2025-12-01T10:00:01.000Z',
    });
    expect(await f.raw.pttl(key)).toBeGreaterThan(0);
  });
});

describe('events: PUBLISH <ns>:agent:events with JSON', () => {
  it('delivers what a foreign agent PUBLISHes', async () => {
    const got: BusMessage[] = [];
    const sub = await a.events.subscribe('agent:events', (m) => got.push(m));
    const event = { event: 'analysis_complete', agent_id: 'py-agent', task_id: 'py-task', findings_count: 1 };
    expect(await f.raw.publish(`${ns}:agent:events`, JSON.stringify(event))).toBe(1);
    await eventually(() => got.length === 1);
    expect(got).toEqual([{ channel: 'agent:events', payload: event }]);
    await sub.unsubscribe();
  });
});

describe('event log: STREAM <ns>:stream:{<name>}, one field "data"', () => {
  it('reads entries a foreign agent XADDed and writes the same shape', async () => {
    const key = `${ns}:stream:{audit}`;
    const id = await f.raw.xadd(key, '*', 'data', JSON.stringify({ event: 'task_claimed', agent_id: 'py' }));
    const mine = await a.log.append('audit', { event: 'task_released', agent_id: 'ts' });
    expect(await a.log.range('audit')).toEqual([
      { id, data: { event: 'task_claimed', agent_id: 'py' } },
      { id: mine, data: { event: 'task_released', agent_id: 'ts' } },
    ]);
    expect(await f.raw.xrange(key, mine, mine)).toEqual([
      [mine, ['data', '{"event":"task_released","agent_id":"ts"}']],
    ]);
    expect(await f.raw.pttl(key)).toBeGreaterThan(0);
  });
});

describe('records: HASH <ns>:rec:{<collection>}:<id> + ZSET index', () => {
  it('stores value and version in the hash and the expiry as the index score', async () => {
    const stored = (await a.records.put('agents', 'a1', { up: true }, { ttlMs: 60_000 }))!;
    expect(await f.raw.hgetall(`${ns}:rec:{agents}:a1`)).toEqual({ value: '{"up":true}', version: '1' });
    expect(Number(await f.raw.zscore(`${ns}:rec:{agents}`, 'a1'))).toBe(stored.expiresAt);
    expect(Number(await f.raw.call('PEXPIRETIME', `${ns}:rec:{agents}`))).toBeGreaterThanOrEqual(
      stored.expiresAt,
    );
  });
});
