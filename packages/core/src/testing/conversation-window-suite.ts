import { describe, expect, it } from 'vitest';
import type { ConversationMessageInput } from '../schemas/conversation.js';
import { type BadCall, badIdCalls, expectAllRejected, isTimestamp, oversize } from './assertions.js';
import { type AdapterFactory, itNeeds, type SuiteOptions, useAdapterHarness } from './harness.js';

const msg = (content: string, role: ConversationMessageInput['role'] = 'user'): ConversationMessageInput => ({
  role,
  content,
});

/**
 * ConversationWindow: newest first, bounded by `limits.windowLength` (5 in the suite), TTL reset by
 * every append, isolated per user. `recent(n)` takes a positive whole number.
 */
export function describeConversationWindow(
  name: string,
  factory: AdapterFactory,
  options: SuiteOptions = {},
): void {
  describe(`${name}: ConversationWindow`, () => {
    const h = useAdapterHarness(factory, options);
    const u = h.unit;
    const window = () => h.adapter.conversation;
    const contents = async (userId: string, n?: number) =>
      (await window().recent(userId, n)).map((m) => m.content);

    it('appends a message, filling ts, and reads it back', async () => {
      const stored = await window().append('u1', {
        role: 'assistant',
        content: 'hello',
        sessionId: 's1',
        agentId: 'agent-1',
        meta: { tokens: 12, tags: ['a'] },
      });
      expect(stored).toEqual({
        role: 'assistant',
        content: 'hello',
        ts: expect.any(String),
        sessionId: 's1',
        agentId: 'agent-1',
        meta: { tokens: 12, tags: ['a'] },
      });
      expect(isTimestamp(stored.ts)).toBe(true);
      expect(await window().recent('u1')).toEqual([stored]);
      expect(await window().length('u1')).toBe(1);
    });

    it('keeps a ts given by the caller and fills ts from the clock', async () => {
      const ts = '2024-01-02T03:04:05.678Z';
      expect((await window().append('u1', { ...msg('a'), ts })).ts).toBe(ts);
      const first = await window().append('u1', msg('b'));
      await h.advance(u);
      const second = await window().append('u1', msg('c'));
      const gap = Date.parse(second.ts) - Date.parse(first.ts);
      expect(gap).toBeGreaterThanOrEqual(u / 2);
      expect(gap).toBeLessThanOrEqual(2 * u);
    });

    it('returns the newest first and recent(n) the newest n', async () => {
      for (const c of ['m1', 'm2', 'm3']) await window().append('u1', msg(c));
      expect(await contents('u1')).toEqual(['m3', 'm2', 'm1']);
      expect(await contents('u1', 2)).toEqual(['m3', 'm2']);
      expect(await contents('u1', 1)).toEqual(['m3']);
      expect(await contents('u1', 100)).toEqual(['m3', 'm2', 'm1']);
    });

    it('is bounded by windowLength, dropping the oldest', async () => {
      const limit = h.config.limits.windowLength;
      const all = Array.from({ length: limit + 2 }, (_, i) => `m${i + 1}`);
      for (const c of all) await window().append('u1', msg(c));
      expect(await window().length('u1')).toBe(limit);
      expect(await contents('u1', 100)).toEqual(all.slice(-limit).reverse());
    });

    it('appendMany appends in order (the last one newest) and returns what it stored', async () => {
      await window().append('u1', msg('before'));
      const stored = await window().appendMany('u1', [msg('a'), msg('b', 'assistant'), msg('c')]);
      expect(stored.map((m) => m.content)).toEqual(['a', 'b', 'c']);
      expect(stored.every((m) => isTimestamp(m.ts))).toBe(true);
      expect(await contents('u1')).toEqual(['c', 'b', 'a', 'before']);
      expect((await window().recent('u1', 3)).reverse()).toEqual(stored);
      expect(await window().appendMany('u1', [])).toEqual([]);
      expect(await window().length('u1')).toBe(4);
    });

    it('appendMany past the bound keeps the newest', async () => {
      const limit = h.config.limits.windowLength;
      const all = Array.from({ length: limit + 3 }, (_, i) => msg(`m${i + 1}`));
      await window().appendMany('u1', all);
      expect(await contents('u1', 100)).toEqual(
        all
          .slice(-limit)
          .map((m) => m.content)
          .reverse(),
      );
    });

    it('clear forgets the window; users are isolated', async () => {
      await window().append('u1', msg('one'));
      await window().append('u2', msg('two'));
      expect(await contents('u1')).toEqual(['one']);
      expect(await contents('u2')).toEqual(['two']);
      await window().clear('u1');
      await window().clear('u1');
      expect(await window().recent('u1')).toEqual([]);
      expect(await window().length('u1')).toBe(0);
      expect(await contents('u2')).toEqual(['two']);
      expect(await window().recent('never-seen')).toEqual([]);
      expect(await window().length('never-seen')).toBe(0);
    });

    it('expires after windowMs; every append resets the TTL', async () => {
      await window().append('u1', msg('one'));
      await h.advance(2 * u);
      await window().append('u1', msg('two'));
      await h.advance(2 * u);
      expect(await contents('u1')).toEqual(['two', 'one']);
      await window().appendMany('u1', [msg('three')]);
      await h.advance(2 * u);
      expect(await window().length('u1')).toBe(3);
      await h.advance(2 * u);
      expect(await window().recent('u1')).toEqual([]);
      expect(await window().length('u1')).toBe(0);
    });

    it('refuses bad input on every method and changes nothing', async () => {
      const max = h.config.limits.maxValueBytes;
      const w = window();
      await w.appendMany('keep', [msg('k1'), msg('k2')]);
      const before = await w.recent('keep');
      const badMessages: unknown[] = [
        null,
        'hello',
        {},
        { role: 'user' },
        { content: 'x' },
        { role: 'robot', content: 'x' },
        { role: 'user', content: 5 },
        { role: 'user', content: 'x', ts: 'yesterday' },
        { role: 'user', content: 'x', sessionId: 'a b' },
        { role: 'user', content: 'x', agentId: '' },
        { role: 'user', content: 'x', meta: 'm' },
        { role: 'user', content: 'x', meta: { n: Number.NaN } },
        { role: 'user', content: 'x', unknown: true },
      ];
      const calls: BadCall[] = [
        ...badIdCalls('append', (id) => w.append(id, msg('x'))),
        ...badMessages.map((m, i) => ({
          label: `append(keep, bad #${i})`,
          call: () => w.append('keep', m as never),
        })),
        { label: 'append(oversize)', call: () => w.append('keep', msg(oversize(max))), codes: 'TOO_LARGE' },
        ...badIdCalls('appendMany', (id) => w.appendMany(id, [msg('x')])),
        { label: 'appendMany(keep, "x")', call: () => w.appendMany('keep', 'x' as never) },
        { label: 'appendMany(keep, null)', call: () => w.appendMany('keep', null as never) },
        ...badMessages.map((m, i) => ({
          label: `appendMany(keep, [ok, bad #${i}])`,
          call: () => w.appendMany('keep', [msg('ok'), m as never]),
        })),
        {
          label: 'appendMany(keep, [ok, oversize])',
          call: () => w.appendMany('keep', [msg('ok'), msg(oversize(max))]),
          codes: 'TOO_LARGE',
        },
        ...badIdCalls('recent', (id) => w.recent(id)),
        ...[0, -1, 1.5, Number.NaN, '3'].map((n) => ({
          label: `recent(keep, ${String(n)})`,
          call: () => w.recent('keep', n as never),
        })),
        ...badIdCalls('length', (id) => w.length(id)),
        ...badIdCalls('clear', (id) => w.clear(id)),
      ];
      await expectAllRejected(calls);
      expect(await w.recent('keep')).toEqual(before);
      expect(await w.length('keep')).toBe(2);
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        await window().append('u1', msg('mine'));
        const same = await h.connect();
        const other = await h.connect(`${h.config.namespace}-other`);
        await same.conversation.append('u1', msg('same-ns'));
        await other.conversation.append('u1', msg('other-ns'));
        expect(await contents('u1')).toEqual(['same-ns', 'mine']);
        expect((await other.conversation.recent('u1')).map((m) => m.content)).toEqual(['other-ns']);
        await other.conversation.clear('u1');
      },
    );
  });
}
