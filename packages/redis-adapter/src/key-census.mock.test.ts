import { createKeyspace, vectorKeys } from '@agent-memory/core';
import RedisMock from 'ioredis-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisAdapter, type RedisAdapter } from './index.js';

// Pure logic on ioredis-mock, no server: the SCAN loop and the key classification behind
// `countKeys()`. ioredis-mock cannot stand in for the ports themselves — their Lua scripts
// (leases, findings, sessions, records, vectors), stream consumer groups and pub/sub across
// connections are proven against a real redis-server in conformance.test.ts.
describe('countKeys on ioredis-mock', () => {
  let adapter: RedisAdapter | undefined;
  afterEach(async () => {
    await adapter?.close();
  });

  it('counts every protocol key of the namespace by kind and ignores other namespaces', async () => {
    const client = new RedisMock();
    adapter = createRedisAdapter({ client, namespace: 'census' });
    const keys = createKeyspace('census');
    const other = createKeyspace('census-other');
    const vec = vectorKeys(keys, 'patterns');
    await client.hset(keys.session('s1'), 'user_id', 'u');
    await client.hset(keys.session('s2'), 'user_id', 'u');
    await client.lpush(keys.messages('u'), '{}');
    await client.set(keys.taskOwner('t1'), 'a');
    await client.set(keys.taskFence('t1'), '3');
    await client.lpush(keys.taskFindings('t1'), '{}');
    await client.xadd(keys.stream('audit'), '*', 'event', '{}');
    await client.hset(keys.record('done', 'r1'), 'value', '{}');
    await client.zadd(keys.recordIndex('done'), 1, 'r1');
    await client.hset(vec.vectors, 'a', 'x');
    await client.hset(vec.meta, 'rev', '1');
    await client.set('census:something-else', '1');
    await client.hset(other.session('s3'), 'user_id', 'u');
    // more keys than one SCAN page, so the cursor loop must run to the end
    for (let i = 0; i < 1200; i++) await client.set(keys.taskFence(`bulk-${i}`), '1');

    expect(await adapter.countKeys()).toEqual({
      sessions: 2,
      windows: 1,
      leases: 1,
      fences: 1201,
      findings: 1,
      streams: 1,
      records: 1,
      recordIndexes: 1,
      vectors: 2,
      other: 1,
    });
  });
});
