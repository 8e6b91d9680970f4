import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisFixture, useRedisFixture } from '../test/redis-fixture.js';

// The scripts hand LPUSH / HSET their values in slices (Lua's unpack() stops at a few thousand),
// so writes far past one slice must land whole and in order.
let f: RedisFixture;
beforeAll(async () => {
  f = await useRedisFixture('bulk');
});
afterAll(() => f.teardown());

describe('writes larger than one script slice', () => {
  it('appendMany of 2,500 messages keeps them all, newest first', async () => {
    const a = f.adapter({ limits: { windowLength: 3000 } });
    const messages = Array.from({ length: 2500 }, (_, i) => ({ role: 'user' as const, content: `m${i}` }));
    await a.conversation.appendMany('bulk-user', messages);
    expect(await a.conversation.length('bulk-user')).toBe(2500);
    const newest = await a.conversation.recent('bulk-user', 3);
    expect(newest.map((m) => m.content)).toEqual(['m2499', 'm2498', 'm2497']);
    const key = `${f.namespace}:memory:bulk-user:messages`;
    expect(JSON.parse((await f.raw.lindex(key, -1))!)).toMatchObject({ content: 'm0' });
    expect(await f.raw.pttl(key)).toBeGreaterThan(0);
  });

  it('a session with 1,200 extra fields is stored whole', async () => {
    const a = f.adapter();
    const fields = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`f${i}`, `v${i}`]));
    await a.sessions.start({ id: 'wide', userId: 'u', fields });
    expect((await a.sessions.get('wide'))?.fields).toEqual(fields);
    const more = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`g${i}`, `w${i}`]));
    const updated = await a.sessions.update('wide', { fields: more });
    expect(updated.fields).toEqual({ ...fields, ...more });
  });
});
