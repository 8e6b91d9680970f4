import { KEY_KINDS } from '@agent-memory/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisFixture, useRedisFixture } from '../test/redis-fixture.js';

let f: RedisFixture;
beforeAll(async () => {
  f = await useRedisFixture('ttl');
});
afterAll(() => f.teardown());

async function keysWithoutTtl(): Promise<string[]> {
  const offenders: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await f.raw.scan(cursor, 'MATCH', `${f.namespace}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) if ((await f.raw.pttl(key)) === -1) offenders.push(key);
  } while (cursor !== '0');
  return offenders;
}

it('leaves a TTL on every key it writes, over every port', async () => {
  const a = f.adapter();
  const ns = f.namespace;
  await a.sessions.start({ id: 's1', userId: 'u1', context: { n: 1 } });
  await a.sessions.update('s1', { fields: { branch: 'main' } });
  await a.sessions.touch('s1');
  await a.conversation.append('u1', { role: 'user', content: 'hi' });
  await a.conversation.appendMany('u2', [
    { role: 'user', content: 'a' },
    { role: 'assistant', content: 'b' },
  ]);
  const lease = (await a.leases.acquire('t1', 'agent-a', 60_000))!;
  await a.leases.renew({ resource: 't1', owner: 'agent-a', token: lease.token }, 60_000);
  await a.leases.acquire('t2', 'agent-b', 60_000);
  await a.leases.release({ resource: 't2', owner: 'agent-b' });
  await a.findings.append('t1', { agentId: 'agent-a', subject: 'x', verdict: 'bug', confidence: 0.5 });
  await a.log.append('audit', { n: 1 });
  await a.log.createGroup('audit', 'g', '0');
  await a.log.createGroup('made-by-group', 'g', '$');
  await a.log.readGroup('audit', 'g', 'c1');
  await a.records.put('agents', 'a1', { up: true }, { ttlMs: 60_000 });
  await a.records.put('agents', 'a2', { up: true }, { ttlMs: 30_000 });
  await a.records.delete('agents', 'a2');
  await a.records.list('agents');
  await a.events.publish('agent:events', { event: 'agent_joined' });
  await a.vectors.upsert('notes', [{ id: 'n1', vector: [1, 0], attributes: { kind: 'note' } }], {
    ttlMs: 60_000,
  });

  // Keys other clients left without a TTL get one as soon as the adapter writes or claims them.
  await f.raw.hset(`${ns}:session:foreign`, 'user_id', 'u9', 'started_at', new Date().toISOString());
  await a.sessions.update('foreign', { project: 'p' });
  await f.raw.set(`${ns}:task:{foreign}:owner`, 'py-agent');
  expect(await a.leases.acquire('foreign', 'agent-a', 60_000)).toBeNull();
  await f.raw.set(`${ns}:task:{foreign2}:owner`, 'py-agent', 'PX', 60_000);
  await a.leases.get('foreign2');

  expect(await keysWithoutTtl()).toEqual([]);
  const census = await a.countKeys();
  for (const kind of KEY_KINDS.filter((k) => k !== 'other')) expect(census[kind], kind).toBeGreaterThan(0);
  expect(census.other).toBe(0);
});
