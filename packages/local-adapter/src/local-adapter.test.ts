import { isMemoryError, ManualClock } from '@agent-memory/core';
import { describeShortTermAdapter, expectMemoryError, waitFor } from '@agent-memory/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalAdapter, createLocalBackend, type LocalAdapter } from './index.js';

// The conformance suites on a ManualClock: TTLs are exact and the whole run is instant.
// `connect` opens a second adapter on the same backend, like a second client of one Redis.
describeShortTermAdapter('local', async (config) => {
  const clock = new ManualClock();
  const backend = createLocalBackend({ clock });
  const adapter = createLocalAdapter({ ...config, backend });
  return {
    adapter,
    advance: async (ms) => clock.advance(ms),
    teardown: () => adapter.close(),
    connect: async (peerConfig) => createLocalAdapter({ ...peerConfig, backend }),
  };
});

describe('local adapter specifics', () => {
  const open: LocalAdapter[] = [];
  const make = (options: Parameters<typeof createLocalAdapter>[0] = {}) => {
    const adapter = createLocalAdapter(options);
    open.push(adapter);
    return adapter;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.close()));
  });

  it('is kind "memory" with the default namespace and config', () => {
    const a = make();
    expect(a.kind).toBe('memory');
    expect(a.scope).toBe('process');
    expect(a.namespace).toBe('agent-memory');
    expect(a.config.ttl.sessionMs).toBe(3600_000);
  });

  it('refuses a bad config with INVALID_INPUT', () => {
    for (const bad of [
      { namespace: 'bad ns' },
      { ttl: { sessionMs: -1 } },
      { limits: { nope: 1 } },
      { sweepIntervalMs: -5 },
    ]) {
      try {
        createLocalAdapter(bad as never);
        throw new Error(`accepted ${JSON.stringify(bad)}`);
      } catch (error) {
        expect(isMemoryError(error, 'INVALID_INPUT')).toBe(true);
      }
    }
  });

  it('sweeps expired entries nobody reads', async () => {
    const clock = new ManualClock();
    const a = make({ clock, sweepIntervalMs: 0 });
    await a.sessions.start({ userId: 'u', ttlMs: 1000 });
    await a.records.put('c', 'short', {}, { ttlMs: 1000 });
    await a.records.put('c', 'long', {}, { ttlMs: 60_000 });
    await a.conversation.append('u', { role: 'user', content: 'hi' });
    expect(a.backend.size).toBe(3);
    clock.advance(2000);
    expect(a.sweep()).toBe(2);
    expect(a.backend.size).toBe(2);
    expect((await a.records.list('c')).map((r) => r.id)).toEqual(['long']);
  });

  it('sweeps on a timer that never keeps the process alive', async () => {
    const clock = new ManualClock();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const a = make({ clock, sweepIntervalMs: 10 });
    expect(timers()).toBe(before);
    await a.sessions.start({ userId: 'u', ttlMs: 1000 });
    clock.advance(2000);
    await waitFor(() => a.backend.size === 0, 2000, 'the periodic sweep');
  });

  it('shares one backend between adapters; namespaces isolate', async () => {
    const backend = createLocalBackend({ clock: new ManualClock() });
    const agentA = make({ backend, namespace: 'team' });
    const agentB = make({ backend, namespace: 'team' });
    const stranger = make({ backend, namespace: 'other-team' });
    const lease = await agentA.leases.acquire('task-1', 'agent-a', 60_000);
    expect(await agentB.leases.acquire('task-1', 'agent-b', 60_000)).toBeNull();
    expect(await agentB.leases.get('task-1')).toEqual(lease);
    expect(await stranger.leases.acquire('task-1', 'agent-c', 60_000)).not.toBeNull();
  });

  it('refuses a clock that is not the shared backend clock', () => {
    const backend = createLocalBackend({ clock: new ManualClock() });
    expect(() => createLocalAdapter({ backend, clock: new ManualClock() })).toThrow(/shared backend/);
    expect(() => make({ backend, clock: backend.clock })).not.toThrow();
  });

  it('delivers asynchronously, each handler its own copy; a throwing handler harms nobody', async () => {
    const a = make();
    const got: unknown[] = [];
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      await a.events.subscribe('c', (m) => {
        (m.payload as { seen: number }).seen++;
        got.push(m.payload);
      });
      await a.events.subscribe('c', () => {
        throw new Error('boom');
      });
      await a.events.subscribe('c', (m) => void got.push(m.payload));
      const payload = { seen: 0 };
      const published = a.events.publish('c', payload);
      payload.seen = 100;
      expect(got).toEqual([]);
      expect(await published).toBe(3);
      await waitFor(() => got.length === 2 && warnings.length === 1);
      expect(got).toEqual([{ seen: 1 }, { seen: 0 }]);
      expect(warnings[0]).toContain('boom');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('close() wakes a blocked readGroup with CLOSED and drops subscriptions', async () => {
    const backend = createLocalBackend();
    const a = make({ backend, namespace: 'ns' });
    const b = make({ backend, namespace: 'ns' });
    await a.log.createGroup('s', 'g', '$');
    const blocked = a.log.readGroup('s', 'g', 'c1', { blockMs: 10_000 });
    await a.events.subscribe('c', () => {});
    await a.close();
    await expectMemoryError('blocked readGroup', () => blocked, 'CLOSED');
    expect(await b.events.publish('c', 1)).toBe(0);
    await expectMemoryError('saveSnapshot after close', () => a.saveSnapshot(), 'CLOSED');
  });

  it('trims event logs to at most maxLength plus a small batch, keeping the newest', async () => {
    const a = make({ limits: { eventLogMaxLength: 50 } });
    let last = '';
    for (let i = 0; i < 500; i++) last = await a.log.append('s', { i });
    const length = await a.log.length('s');
    expect(length).toBeGreaterThanOrEqual(50);
    expect(length).toBeLessThanOrEqual(55);
    const entries = await a.log.range('s');
    expect(entries.at(-1)).toEqual({ id: last, data: { i: 499 } });
  });

  it('drops pending entries that were trimmed away when claiming', async () => {
    const clock = new ManualClock();
    const a = make({ clock, limits: { eventLogMaxLength: 10 } });
    await a.log.createGroup('s', 'g', '0');
    await a.log.append('s', { i: 0 });
    await a.log.readGroup('s', 'g', 'c1');
    for (let i = 1; i < 30; i++) await a.log.append('s', { i });
    clock.advance(1000);
    expect(await a.log.claimStale('s', 'g', 'c2', 500)).toEqual([]);
    expect(await a.log.pending('s', 'g')).toEqual([]);
  });

  it('gives stream ids from the injected clock, with sequence numbers within one millisecond', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const a = make({ clock });
    expect(await a.log.append('s', { n: 1 })).toBe('1700000000000-0');
    expect(await a.log.append('s', { n: 2 })).toBe('1700000000000-1');
    clock.advance(5);
    expect(await a.log.append('s', { n: 3 })).toBe('1700000000005-0');
    clock.set(1_600_000_000_000);
    expect(await a.log.append('s', { n: 4 })).toBe('1700000000005-1');
  });
});

describe('countKeys', () => {
  it('counts live keys per kind like the Redis census, records included', async () => {
    const clock = new ManualClock();
    const adapter = createLocalAdapter({ namespace: 'census', clock, sweepIntervalMs: 0 });
    await adapter.sessions.start({ id: 's1', userId: 'u1', ttlMs: 1000 });
    await adapter.conversation.append('u1', { role: 'user', content: 'hi' });
    await adapter.leases.acquire('t1', 'a1', 5000);
    await adapter.records.put('agents', 'a1', { ok: true }, { ttlMs: 5000 });
    await adapter.records.put('agents', 'a2', { ok: true }, { ttlMs: 5000 });
    const other = createLocalAdapter({
      namespace: 'census-other',
      backend: adapter.backend,
      sweepIntervalMs: 0,
    });
    await other.sessions.start({ id: 's2', userId: 'u2' });
    expect(await adapter.countKeys()).toMatchObject({
      sessions: 1,
      windows: 1,
      leases: 1,
      fences: 1,
      recordIndexes: 1,
      records: 2,
    });
    clock.advance(1500);
    expect((await adapter.countKeys()).sessions).toBe(0);
    await adapter.close();
    await other.close();
    await expect(adapter.countKeys()).rejects.toMatchObject({ code: 'CLOSED' });
  });
});

describe('values in and out are copies', () => {
  it('messages and findings: changing a given or returned value changes nothing stored', async () => {
    const adapter = createLocalAdapter({ namespace: 'copies', clock: new ManualClock(), sweepIntervalMs: 0 });
    const meta = { tags: ['a'], nested: { n: 1 } };
    const appended = await adapter.conversation.append('u', { role: 'user', content: 'hi', meta });
    meta.tags.push('given');
    appended.meta!.nested = { n: 2 };
    const [read] = await adapter.conversation.recent('u', 1);
    (read!.meta!.tags as string[]).push('returned');
    expect((await adapter.conversation.recent('u', 1))[0]!.meta).toEqual({ tags: ['a'], nested: { n: 1 } });

    const evidence = ['e1'];
    const data = { files: ['x.ts'] };
    const shared = await adapter.findings.append('t', {
      agentId: 'a',
      subject: 's',
      verdict: 'bug',
      confidence: 0.5,
      evidence,
      data,
    });
    evidence.push('given');
    data.files.push('given');
    shared.evidence.push('returned');
    const [listed] = await adapter.findings.list('t');
    (listed!.data!.files as string[]).push('listed');
    expect((await adapter.findings.list('t'))[0]).toMatchObject({
      evidence: ['e1'],
      data: { files: ['x.ts'] },
    });
    await adapter.close();
  });
});
