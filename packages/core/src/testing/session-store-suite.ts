import { describe, expect, it } from 'vitest';
import { IdSchema } from '../ids.js';
import {
  BAD_IDS,
  type BadCall,
  badIdCalls,
  expectAllRejected,
  expectMemoryError,
  isTimestamp,
  oversize,
  show,
} from './assertions.js';
import { type AdapterFactory, itNeeds, type SuiteOptions, useAdapterHarness } from './harness.js';

/** SessionStore: lifecycle, merge rules, TTL (never resurrected by update), bad input. */
export function describeSessionStore(
  name: string,
  factory: AdapterFactory,
  options: SuiteOptions = {},
): void {
  describe(`${name}: SessionStore`, () => {
    const h = useAdapterHarness(factory, options);
    const u = h.unit;
    const sessions = () => h.adapter.sessions;

    it('starts a session and reads it back', async () => {
      const started = await sessions().start({
        id: 'sess-1',
        userId: 'user-1',
        project: 'proj',
        context: { goal: 'fix bug', nested: { list: [1, 'two', null, true] } },
        fields: { branch: 'main' },
      });
      expect(started).toEqual({
        id: 'sess-1',
        userId: 'user-1',
        project: 'proj',
        startedAt: expect.any(String),
        context: { goal: 'fix bug', nested: { list: [1, 'two', null, true] } },
        fields: { branch: 'main' },
      });
      expect(isTimestamp(started.startedAt)).toBe(true);
      expect(await sessions().get('sess-1')).toEqual(started);
    });

    it('hands out copies: changing a returned or given session changes nothing stored', async () => {
      const context = { list: [1], nested: { n: 1 } };
      const fields = { f: 'v' };
      const started = await sessions().start({ id: 'copy', userId: 'u', context, fields });
      context.list.push(2);
      fields.f = 'changed';
      started.context.nested = { n: 2 };
      started.fields.g = 'new';
      const read = (await sessions().get('copy'))!;
      (read.context.list as number[]).push(3);
      const updated = await sessions().update('copy', {});
      updated.context.extra = true;
      const final = (await sessions().get('copy'))!;
      expect(final.context).toEqual({ list: [1], nested: { n: 1 } });
      expect(final.fields).toEqual({ f: 'v' });
    });

    it('fills defaults and generates a valid, unique id when none is given', async () => {
      const a = await sessions().start({ userId: 'user-1' });
      const b = await sessions().start({ userId: 'user-1' });
      expect(IdSchema.safeParse(a.id).success).toBe(true);
      expect(a.id).not.toBe(b.id);
      expect(a).toMatchObject({ userId: 'user-1', project: '', context: {}, fields: {} });
      expect(await sessions().get(a.id)).toEqual(a);
    });

    it('sets startedAt from the clock', async () => {
      const a = await sessions().start({ userId: 'u' });
      await h.advance(u);
      const b = await sessions().start({ userId: 'u' });
      const gap = Date.parse(b.startedAt) - Date.parse(a.startedAt);
      expect(gap).toBeGreaterThanOrEqual(u / 2);
      expect(gap).toBeLessThanOrEqual(u * 2);
    });

    it('returns null for an unknown session', async () => {
      expect(await sessions().get('nobody')).toBeNull();
      expect(await sessions().ttl('nobody')).toBeNull();
      expect(await sessions().touch('nobody')).toBe(false);
      expect(await sessions().end('nobody')).toBe(false);
    });

    it('refuses a duplicate live id with CONFLICT and keeps the first session', async () => {
      const first = await sessions().start({ id: 'dup', userId: 'u1', context: { v: 1 } });
      await expectMemoryError(
        'start(dup)',
        () => sessions().start({ id: 'dup', userId: 'u2', context: { v: 2 } }),
        'CONFLICT',
      );
      expect(await sessions().get('dup')).toEqual(first);
    });

    it('allows the id again once the session ended or expired', async () => {
      await sessions().start({ id: 'again', userId: 'u' });
      expect(await sessions().end('again')).toBe(true);
      expect(await sessions().end('again')).toBe(false);
      expect(await sessions().get('again')).toBeNull();
      await sessions().start({ id: 'again', userId: 'u' });
      await h.advance(4 * u);
      expect(await sessions().get('again')).toBeNull();
      const restarted = await sessions().start({ id: 'again', userId: 'u2' });
      expect(restarted.userId).toBe('u2');
    });

    it('update replaces the context, merges fields, sets the project, keeps the rest', async () => {
      const s = await sessions().start({
        id: 'upd',
        userId: 'u',
        project: 'old',
        context: { a: 1, b: 2 },
        fields: { x: '1', y: '2' },
      });
      const updated = await sessions().update('upd', { context: { c: 3 }, fields: { y: 'two', z: '3' } });
      expect(updated).toEqual({ ...s, context: { c: 3 }, fields: { x: '1', y: 'two', z: '3' } });
      const again = await sessions().update('upd', { project: 'new' });
      expect(again).toEqual({ ...updated, project: 'new' });
      expect(await sessions().get('upd')).toEqual(again);
      expect(await sessions().update('upd', {})).toEqual(again);
    });

    it('update of a missing session is NOT_FOUND', async () => {
      await expectMemoryError(
        'update(missing)',
        () => sessions().update('missing', { project: 'p' }),
        'NOT_FOUND',
      );
      expect(await sessions().get('missing')).toBeNull();
    });

    it('expires after the default TTL', async () => {
      const s = await sessions().start({ userId: 'u' });
      const ttl = await sessions().ttl(s.id);
      expect(ttl).not.toBeNull();
      expect(ttl!).toBeGreaterThan(2 * u);
      expect(ttl!).toBeLessThanOrEqual(3 * u);
      await h.advance(u);
      expect(await sessions().ttl(s.id)).toBeLessThanOrEqual(2.5 * u);
      await h.advance(3 * u);
      expect(await sessions().get(s.id)).toBeNull();
      expect(await sessions().ttl(s.id)).toBeNull();
      expect(await sessions().touch(s.id)).toBe(false);
      expect(await sessions().get(s.id)).toBeNull();
    });

    it('honours ttlMs given at start', async () => {
      const s = await sessions().start({ userId: 'u', ttlMs: 6 * u });
      expect(await sessions().ttl(s.id)).toBeGreaterThan(5 * u);
      await h.advance(4 * u);
      expect(await sessions().get(s.id)).not.toBeNull();
      await h.advance(3 * u);
      expect(await sessions().get(s.id)).toBeNull();
    });

    it('touch really extends the TTL (to the default or to ttlMs)', async () => {
      const s = await sessions().start({ userId: 'u' });
      await h.advance(2 * u);
      expect(await sessions().touch(s.id)).toBe(true);
      await h.advance(2 * u);
      expect(await sessions().get(s.id)).not.toBeNull();
      expect(await sessions().touch(s.id, 6 * u)).toBe(true);
      expect(await sessions().ttl(s.id)).toBeGreaterThan(5 * u);
      await h.advance(4 * u);
      expect(await sessions().get(s.id)).not.toBeNull();
      await h.advance(3 * u);
      expect(await sessions().get(s.id)).toBeNull();
    });

    it('update leaves the TTL alone and never resurrects an expired session', async () => {
      const s = await sessions().start({ userId: 'u', context: { n: 1 } });
      await h.advance(2 * u);
      await sessions().update(s.id, { context: { n: 2 } });
      expect(await sessions().ttl(s.id)).toBeLessThanOrEqual(1.5 * u);
      await h.advance(2 * u);
      expect(await sessions().get(s.id)).toBeNull();
      await expectMemoryError(
        'update(expired)',
        () => sessions().update(s.id, { context: { n: 3 } }),
        'NOT_FOUND',
      );
      await expectMemoryError(
        'update(expired, refreshTtl)',
        () => sessions().update(s.id, { fields: { f: 'x' } }, { refreshTtl: true }),
        'NOT_FOUND',
      );
      expect(await sessions().get(s.id)).toBeNull();
      expect(await sessions().ttl(s.id)).toBeNull();
    });

    it('update with refreshTtl resets the TTL to the default or to the given ms', async () => {
      const s = await sessions().start({ userId: 'u', ttlMs: 2 * u });
      await h.advance(u);
      await sessions().update(s.id, { project: 'p' }, { refreshTtl: true });
      expect(await sessions().ttl(s.id)).toBeGreaterThan(2 * u);
      await h.advance(2 * u);
      expect(await sessions().get(s.id)).toMatchObject({ project: 'p' });
      await sessions().update(s.id, { project: 'q' }, { refreshTtl: 6 * u });
      expect(await sessions().ttl(s.id)).toBeGreaterThan(5 * u);
      await h.advance(4 * u);
      expect(await sessions().get(s.id)).toMatchObject({ project: 'q' });
    });

    it('refuses bad input on every method and changes nothing', async () => {
      const max = h.config.limits.maxValueBytes;
      const seeded = await sessions().start({
        id: 'keep',
        userId: 'u',
        context: { k: 1 },
        fields: { f: 'v' },
      });
      const ttlBefore = await sessions().ttl('keep');
      const s = sessions();
      const badStarts: unknown[] = [
        null,
        'fresh',
        42,
        {},
        { id: 'fresh' },
        { id: 'fresh', userId: 'u', project: 5 },
        { id: 'fresh', userId: 'u', context: 'text' },
        { id: 'fresh', userId: 'u', context: [1, 2] },
        { id: 'fresh', userId: 'u', context: { n: Number.NaN } },
        { id: 'fresh', userId: 'u', context: { f: () => 1 } },
        { id: 'fresh', userId: 'u', fields: { n: 5 } },
        { id: 'fresh', userId: 'u', fields: { user_id: 'x' } },
        { id: 'fresh', userId: 'u', ttlMs: 0 },
        { id: 'fresh', userId: 'u', ttlMs: -1 },
        { id: 'fresh', userId: 'u', ttlMs: 1.5 },
        { id: 'fresh', userId: 'u', ttlMs: '1000' },
      ];
      const badPatches: unknown[] = [
        null,
        'x',
        { context: 'x' },
        { context: { n: Number.NaN } },
        { fields: { f: 1 } },
        { fields: { started_at: 'x' } },
        { project: 7 },
        { unknown: 1 },
        { userId: 'other' },
      ];
      const calls: BadCall[] = [
        // an undefined id means "generate one", so it is not a bad id here
        ...BAD_IDS.filter((id) => id !== undefined).map((id) => ({
          label: `start({ id: ${show(id)} })`,
          call: () => s.start({ id, userId: 'u' } as never),
        })),
        ...BAD_IDS.map((id) => ({
          label: `start({ userId: ${show(id)} })`,
          call: () => s.start({ userId: id } as never),
        })),
        ...badStarts.map((input, i) => ({ label: `start(bad #${i})`, call: () => s.start(input as never) })),
        {
          label: 'start(oversize context)',
          call: () => s.start({ id: 'fresh', userId: 'u', context: { blob: oversize(max) } }),
          codes: 'TOO_LARGE',
        },
        ...badIdCalls('get', (id) => s.get(id)),
        ...badIdCalls('update', (id) => s.update(id, { project: 'p' })),
        ...badPatches.map((patch, i) => ({
          label: `update(keep, bad patch #${i})`,
          call: () => s.update('keep', patch as never),
        })),
        ...['x', { refreshTtl: 0 }, { refreshTtl: -5 }, { refreshTtl: 'yes' }, { other: true }].map(
          (opts, i) => ({
            label: `update(keep, {}, bad options #${i})`,
            call: () => s.update('keep', { project: 'changed' }, opts as never),
          }),
        ),
        {
          label: 'update(keep, oversize context)',
          call: () => s.update('keep', { context: { blob: oversize(max) } }),
          codes: 'TOO_LARGE',
        },
        ...badIdCalls('touch', (id) => s.touch(id)),
        ...[0, -1, 1.5, Number.NaN, '1000'].map((ttl) => ({
          label: `touch(keep, ${String(ttl)})`,
          call: () => s.touch('keep', ttl as never),
        })),
        ...badIdCalls('ttl', (id) => s.ttl(id)),
        ...badIdCalls('end', (id) => s.end(id)),
      ];
      await expectAllRejected(calls);
      expect(await s.get('keep')).toEqual(seeded);
      expect(await s.ttl('keep')).toBeLessThanOrEqual(ttlBefore!);
      expect(await s.get('fresh')).toBeNull();
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        const s = await sessions().start({ id: 'shared', userId: 'u', context: { v: 1 } });
        const same = await h.connect();
        const other = await h.connect(`${h.config.namespace}-other`);
        expect(await same.sessions.get('shared')).toEqual(s);
        expect(await other.sessions.get('shared')).toBeNull();
        await other.sessions.start({ id: 'shared', userId: 'someone-else' });
        expect(await sessions().get('shared')).toEqual(s);
        await other.sessions.end('shared');
      },
    );
  });
}
