import { describe, expect, it } from 'vitest';
import { type BadCall, badIdCalls, expectAllRejected, expectMemoryError } from './assertions.js';
import { type AdapterFactory, itNeeds, type SuiteOptions, useAdapterHarness } from './harness.js';

/**
 * LeaseStore: exclusive (even against the same owner), renew/release only by the holder (and token),
 * fencing tokens strictly increasing per resource across acquire / expire / release cycles.
 */
export function describeLeaseStore(name: string, factory: AdapterFactory, options: SuiteOptions = {}): void {
  describe(`${name}: LeaseStore`, () => {
    const h = useAdapterHarness(factory, options);
    const u = h.unit;
    const leases = () => h.adapter.leases;
    const ttl = 3 * u;

    it('acquires a free resource and reports the lease', async () => {
      const lease = await leases().acquire('task-1', 'agent-a', ttl);
      expect(lease).toEqual({
        resource: 'task-1',
        owner: 'agent-a',
        token: expect.any(Number),
        expiresAt: expect.any(Number),
      });
      expect(Number.isInteger(lease!.token) && lease!.token > 0).toBe(true);
      expect(await leases().get('task-1')).toEqual(lease);
      expect(await leases().get('task-free')).toBeNull();
    });

    it('is exclusive: a second acquire gets null, even by the same owner', async () => {
      const lease = await leases().acquire('task-1', 'agent-a', ttl);
      expect(await leases().acquire('task-1', 'agent-b', ttl)).toBeNull();
      expect(await leases().acquire('task-1', 'agent-a', ttl)).toBeNull();
      expect(await leases().get('task-1')).toEqual(lease);
    });

    it('lets exactly one of 20 concurrent acquires win', async () => {
      const owners = Array.from({ length: 20 }, (_, i) => `agent-${i}`);
      const results = await Promise.all(owners.map((o) => leases().acquire('contended', o, ttl)));
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await leases().get('contended')).toEqual(winners[0]);
    });

    it('expires after its TTL; a renew really extends it', async () => {
      const lease = (await leases().acquire('task-1', 'agent-a', ttl))!;
      await h.advance(2 * u);
      const renewed = await leases().renew({ resource: 'task-1', owner: 'agent-a' }, ttl);
      expect(renewed).toEqual({ ...lease, expiresAt: expect.any(Number) });
      const moved = renewed.expiresAt - lease.expiresAt;
      expect(moved).toBeGreaterThanOrEqual(1.5 * u);
      expect(moved).toBeLessThanOrEqual(3 * u);
      expect(await leases().get('task-1')).toEqual(renewed);
      await h.advance(2 * u);
      expect(await leases().get('task-1')).toEqual(renewed);
      await h.advance(2 * u);
      expect(await leases().get('task-1')).toBeNull();
    });

    it('expiresAt is acquire time + ttlMs', async () => {
      const a = (await leases().acquire('r1', 'agent-a', ttl))!;
      await h.advance(u);
      const b = (await leases().acquire('r2', 'agent-a', 2 * ttl))!;
      const gap = b.expiresAt - a.expiresAt;
      expect(gap).toBeGreaterThanOrEqual(ttl + u / 2);
      expect(gap).toBeLessThanOrEqual(ttl + 2 * u);
    });

    it('renew after expiry is LEASE_LOST and does not bring the lease back', async () => {
      await leases().acquire('task-1', 'agent-a', ttl);
      await h.advance(4 * u);
      await expectMemoryError(
        'renew(expired)',
        () => leases().renew({ resource: 'task-1', owner: 'agent-a' }, ttl),
        'LEASE_LOST',
      );
      expect(await leases().get('task-1')).toBeNull();
      expect(await leases().release({ resource: 'task-1', owner: 'agent-a' })).toBe(false);
    });

    it('release and renew work only for the holder; the wrong owner changes nothing', async () => {
      const lease = (await leases().acquire('task-1', 'agent-a', ttl))!;
      expect(await leases().release({ resource: 'task-1', owner: 'agent-b' })).toBe(false);
      expect(await leases().get('task-1')).toEqual(lease);
      await expectMemoryError(
        'renew(wrong owner)',
        () => leases().renew({ resource: 'task-1', owner: 'agent-b' }, 10 * u),
        'LEASE_LOST',
      );
      expect(await leases().get('task-1')).toEqual(lease);
      expect(await leases().acquire('task-1', 'agent-b', ttl)).toBeNull();
      expect(await leases().release({ resource: 'task-1', owner: 'agent-a' })).toBe(true);
      expect(await leases().get('task-1')).toBeNull();
      expect(await leases().release({ resource: 'task-1', owner: 'agent-a' })).toBe(false);
      await expectMemoryError(
        'renew(released)',
        () => leases().renew({ resource: 'task-1', owner: 'agent-a' }, ttl),
        'LEASE_LOST',
      );
      expect(await leases().acquire('task-1', 'agent-b', ttl)).toMatchObject({ owner: 'agent-b' });
    });

    it('checks the token when one is given', async () => {
      const lease = (await leases().acquire('task-1', 'agent-a', ttl))!;
      const wrong = { resource: 'task-1', owner: 'agent-a', token: lease.token + 1 };
      expect(await leases().release(wrong)).toBe(false);
      await expectMemoryError('renew(wrong token)', () => leases().renew(wrong, ttl), 'LEASE_LOST');
      expect(await leases().get('task-1')).toEqual(lease);
      const right = { resource: 'task-1', owner: 'agent-a', token: lease.token };
      expect((await leases().renew(right, ttl)).token).toBe(lease.token);
      expect(await leases().release(right)).toBe(true);
      const next = (await leases().acquire('task-1', 'agent-a', ttl))!;
      // the old token names the old lease, not this one, even though the owner is the same
      expect(await leases().release(right)).toBe(false);
      expect(await leases().get('task-1')).toEqual(next);
    });

    it('fencing tokens strictly increase across acquire, expiry and release', async () => {
      const tokens: number[] = [];
      const take = async (owner: string) => {
        const lease = await leases().acquire('fenced', owner, ttl);
        expect(lease).not.toBeNull();
        tokens.push(lease!.token);
        return lease!;
      };
      await take('agent-a');
      await h.advance(4 * u);
      const b = await take('agent-b');
      await leases().release({ resource: 'fenced', owner: 'agent-b', token: b.token });
      await take('agent-b');
      await h.advance(4 * u);
      await take('agent-a');
      for (let i = 1; i < tokens.length; i++) expect(tokens[i]!).toBeGreaterThan(tokens[i - 1]!);
    });

    it('keeps fencing tokens and leases independent per resource', async () => {
      const firstA = (await leases().acquire('res-a', 'agent-a', ttl))!;
      for (let i = 0; i < 3; i++) {
        await leases().release({ resource: 'res-a', owner: 'agent-a' });
        await leases().acquire('res-a', 'agent-a', ttl);
      }
      const firstB = (await leases().acquire('res-b', 'agent-a', ttl))!;
      expect(firstB.token).toBe(firstA.token);
      expect(await leases().acquire('res-c', 'agent-b', ttl)).not.toBeNull();
      await leases().release({ resource: 'res-b', owner: 'agent-a' });
      expect(await leases().get('res-a')).toMatchObject({ owner: 'agent-a' });
      expect(await leases().get('res-c')).toMatchObject({ owner: 'agent-b' });
    });

    it('refuses bad input on every method and changes nothing', async () => {
      const l = leases();
      const held = (await l.acquire('keep', 'agent-a', ttl))!;
      const ref = { resource: 'keep', owner: 'agent-a' };
      const badTtls: unknown[] = [0, -1, 1.5, Number.NaN, '1000', null, undefined, 400 * 24 * 3600_000];
      const badRefs: unknown[] = [
        null,
        'keep',
        {},
        { resource: 'keep' },
        { owner: 'agent-a' },
        { ...ref, token: 0 },
        { ...ref, token: -1 },
        { ...ref, token: 1.5 },
        { ...ref, token: '1' },
      ];
      const calls: BadCall[] = [
        ...badIdCalls('acquire(resource)', (id) => l.acquire(id, 'agent-b', ttl)),
        ...badIdCalls('acquire(owner)', (id) => l.acquire('fresh', id, ttl)),
        ...badTtls.map((t) => ({
          label: `acquire(fresh, ttl ${String(t)})`,
          call: () => l.acquire('fresh', 'agent-b', t as never),
        })),
        ...badIdCalls('renew(resource)', (id) => l.renew({ resource: id, owner: 'agent-a' }, ttl)),
        ...badIdCalls('renew(owner)', (id) => l.renew({ resource: 'keep', owner: id }, ttl)),
        ...badRefs.map((r, i) => ({ label: `renew(bad ref #${i})`, call: () => l.renew(r as never, ttl) })),
        ...badTtls.map((t) => ({
          label: `renew(keep, ttl ${String(t)})`,
          call: () => l.renew(ref, t as never),
        })),
        ...badIdCalls('release(resource)', (id) => l.release({ resource: id, owner: 'agent-a' })),
        ...badIdCalls('release(owner)', (id) => l.release({ resource: 'keep', owner: id })),
        ...badRefs.map((r, i) => ({ label: `release(bad ref #${i})`, call: () => l.release(r as never) })),
        ...badIdCalls('get', (id) => l.get(id)),
      ];
      await expectAllRejected(calls);
      expect(await l.get('keep')).toEqual(held);
      expect(await l.get('fresh')).toBeNull();
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        const lease = await leases().acquire('shared', 'agent-a', ttl);
        const same = await h.connect();
        const other = await h.connect(`${h.config.namespace}-other`);
        expect(await same.leases.acquire('shared', 'agent-b', ttl)).toBeNull();
        expect(await same.leases.get('shared')).toEqual(lease);
        const elsewhere = await other.leases.acquire('shared', 'agent-b', ttl);
        expect(elsewhere).toMatchObject({ owner: 'agent-b' });
        expect(await leases().get('shared')).toEqual(lease);
        await other.leases.release({ resource: 'shared', owner: 'agent-b' });
      },
    );
  });
}
