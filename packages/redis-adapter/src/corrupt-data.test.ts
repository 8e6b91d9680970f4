import { type ErrorCode, isMemoryError } from '@agent-memory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisFixture, useRedisFixture } from '../test/redis-fixture.js';
import type { RedisAdapter } from './index.js';

// What a buggy client in another language may leave in Redis: every read of it is a typed
// CORRUPT_DATA naming the key, never a crash and never a half-typed value.
let f: RedisFixture;
let a: RedisAdapter;
let ns: string;
beforeAll(async () => {
  f = await useRedisFixture('corrupt');
  a = f.adapter();
  ns = f.namespace;
});
afterAll(() => f.teardown());

async function expectCorrupt(call: Promise<unknown>, key: string, code: ErrorCode = 'CORRUPT_DATA') {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isMemoryError(error), String(error)).toBe(true);
  expect(error).toMatchObject({ code });
  expect(String((error as Error).message)).toContain(key);
}

describe('malformed data written by another client', () => {
  it('sessions: bad context JSON, missing user_id, wrong key type', async () => {
    await f.raw.hset(`${ns}:session:bad-json`, {
      user_id: 'u',
      started_at: '2025-12-01T10:00:00Z',
      context: '{nope',
    });
    await expectCorrupt(a.sessions.get('bad-json'), `${ns}:session:bad-json`);
    await f.raw.hset(`${ns}:session:no-user`, { started_at: '2025-12-01T10:00:00Z' });
    await expectCorrupt(a.sessions.get('no-user'), `${ns}:session:no-user`);
    await f.raw.hset(`${ns}:session:array-ctx`, {
      user_id: 'u',
      started_at: '2025-12-01T10:00:00Z',
      context: '[1]',
    });
    await expectCorrupt(a.sessions.get('array-ctx'), `${ns}:session:array-ctx`);
    await f.raw.set(`${ns}:session:string`, 'x');
    await expectCorrupt(a.sessions.get('string'), `${ns}:session:string`);
    await expectCorrupt(a.sessions.update('string', { project: 'p' }), `${ns}:session:string`);
  });

  it('window and findings: items that are not the expected JSON', async () => {
    await f.raw.lpush(`${ns}:memory:u:messages`, 'plain text');
    await expectCorrupt(a.conversation.recent('u'), `${ns}:memory:u:messages`);
    await f.raw.lpush(`${ns}:task:{t}:findings`, JSON.stringify({ subject: 'no agent' }));
    await expectCorrupt(a.findings.list('t'), `${ns}:task:{t}:findings`);
    await f.raw.set(`${ns}:memory:str:messages`, 'x');
    await expectCorrupt(
      a.conversation.append('str', { role: 'user', content: 'x' }),
      `${ns}:memory:str:messages`,
    );
  });

  it('leases: a fence that is not a number, an owner that is not an id', async () => {
    await f.raw.set(`${ns}:task:{fence}:fence`, 'many');
    await expectCorrupt(a.leases.acquire('fence', 'agent', 1000), `${ns}:task:{fence}:fence`);
    expect(await f.raw.exists(`${ns}:task:{fence}:owner`)).toBe(0);
    await f.raw.set(`${ns}:task:{owner}:owner`, 'two words', 'PX', 60_000);
    await expectCorrupt(a.leases.get('owner'), `${ns}:task:{owner}:owner`);
  });

  it('event log: an entry without the data field', async () => {
    await f.raw.xadd(`${ns}:stream:{s}`, '*', 'event', 'raw');
    await expectCorrupt(a.log.range('s'), `${ns}:stream:{s}`);
  });

  it('records: value, version and index entries', async () => {
    await f.raw.hset(`${ns}:rec:{c}:bad-value`, { value: 'nope', version: '1' });
    await f.raw.pexpire(`${ns}:rec:{c}:bad-value`, 60_000);
    await expectCorrupt(a.records.get('c', 'bad-value'), `${ns}:rec:{c}:bad-value`);
    await f.raw.hset(`${ns}:rec:{c}:bad-version`, { value: '{}', version: 'one' });
    await expectCorrupt(a.records.put('c', 'bad-version', {}, { ttlMs: 1000 }), `${ns}:rec:{c}:bad-version`);
    // an index entry without its record is pruned; one with a record but an invalid id is corrupt
    await f.raw.zadd(`${ns}:rec:{d}`, Date.now() + 60_000, 'gone');
    expect(await a.records.list('d')).toEqual([]);
    expect(await f.raw.zscore(`${ns}:rec:{d}`, 'gone')).toBeNull();
    await f.raw.zadd(`${ns}:rec:{d}`, Date.now() + 60_000, 'a b');
    await f.raw.hset(`${ns}:rec:{d}:a b`, { value: '{}', version: '1' });
    await f.raw.pexpire(`${ns}:rec:{d}:a b`, 60_000);
    await expectCorrupt(a.records.list('d'), `${ns}:rec:{d}`);
  });
});
