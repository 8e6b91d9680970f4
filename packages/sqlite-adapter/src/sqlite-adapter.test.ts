import { ManualClock } from '@agent-memory/core';
import { expectAllRejected, waitFor } from '@agent-memory/core/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../test/temp-dir.js';
import { createSqliteAdapter, type SqliteAdapter } from './index.js';

const temp = useTempDir('adapter');
const open: SqliteAdapter[] = [];
const make = (options: Partial<Parameters<typeof createSqliteAdapter>[0]> = {}) => {
  const adapter = createSqliteAdapter({ path: temp.file(), sweepIntervalMs: 0, ...options });
  open.push(adapter);
  return adapter;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close()));
});

/** Rows of a table, counted on a connection of its own. */
function rows(file: string, table: string): number {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    raw.close();
  }
}

describe('sqlite adapter specifics', () => {
  it('is kind "sqlite" with the Redis adapter defaults, on an absolute path in WAL mode', () => {
    const a = make();
    expect(a.kind).toBe('sqlite');
    expect(a.namespace).toBe('agent-memory');
    expect(a.config.ttl.sessionMs).toBe(3600_000);
    expect(a.config.limits).toMatchObject({
      windowLength: 100,
      findingsPerTask: 10_000,
      eventLogMaxLength: 100_000,
    });
    expect(a.fileStatus()).toMatchObject({
      path: a.path,
      journalMode: 'wal',
      synchronous: 'normal',
      schemaVersion: 1,
    });
    expect(a.fileStatus().sizeBytes).toBeGreaterThan(0);
  });

  it('creates missing directories', async () => {
    const a = make({ path: `${temp.dir}/deep/er/memory.db` });
    await a.sessions.start({ id: 's', userId: 'u' });
    expect(rows(a.path, 'sessions')).toBe(1);
  });

  it('refuses bad options with INVALID_INPUT before touching any file', async () => {
    const bad: unknown[] = [
      {},
      { path: '' },
      { path: temp.file(), namespace: 'bad ns' },
      { path: temp.file(), synchronous: 'sometimes' },
      { path: temp.file(), eventPollMs: 0 },
      { path: temp.file(), busyTimeoutMs: -1 },
      { path: temp.file(), limits: { nope: 1 } },
      { path: temp.file(), clock: {} },
    ];
    await expectAllRejected(
      bad.map((options, i) => ({
        label: `options #${i}`,
        call: async () => createSqliteAdapter(options as never),
      })),
    );
  });

  it('sessions.list: live sessions newest first, by user and project, limited', async () => {
    const clock = new ManualClock();
    const a = make({ clock });
    const other = make({ clock, path: a.path, namespace: 'other-team' });
    await a.sessions.start({ id: 'old', userId: 'ann', project: 'p1' });
    clock.advance(10);
    await a.sessions.start({ id: 'mid', userId: 'bob', project: 'p1' });
    clock.advance(10);
    await a.sessions.start({ id: 'new', userId: 'ann', project: 'p2', context: { n: 1 } });
    await a.sessions.start({ id: 'short', userId: 'ann', ttlMs: 5 });
    await a.sessions.start({ id: 'ended', userId: 'ann' });
    await a.sessions.end('ended');
    await other.sessions.start({ id: 'theirs', userId: 'ann' });
    clock.advance(6);

    const ids = async (filter?: Parameters<typeof a.sessions.list>[0]) =>
      (await a.sessions.list(filter)).map((s) => s.id);
    expect(await ids()).toEqual(['new', 'mid', 'old']);
    expect(await ids({ userId: 'ann' })).toEqual(['new', 'old']);
    expect(await ids({ project: 'p1' })).toEqual(['mid', 'old']);
    expect(await ids({ userId: 'ann', project: 'p2' })).toEqual(['new']);
    expect(await ids({ limit: 2 })).toEqual(['new', 'mid']);
    expect(await ids({ userId: 'nobody' })).toEqual([]);
    expect((await a.sessions.list({ userId: 'ann', limit: 1 }))[0]).toEqual(await a.sessions.get('new'));
    await expectAllRejected(
      [{ userId: 'bad id' }, { limit: 0 }, { limit: 1.5 }, { project: 5 }, { other: 1 }, 'x'].map((f, i) => ({
        label: `list(bad #${i})`,
        call: () => a.sessions.list(f as never),
      })),
    );
  });

  it('keeps growth bounded: trimmed windows, findings and logs hold no hidden rows', async () => {
    const a = make({ limits: { windowLength: 5, findingsPerTask: 3, eventLogMaxLength: 20 } });
    for (let i = 0; i < 50; i++) {
      await a.conversation.append('u', { role: 'user', content: `m${i}` });
      await a.findings.append('t', { agentId: 'a', subject: `s${i}`, verdict: 'v', confidence: 1 });
      await a.log.append('audit', { i });
    }
    // the items kept, and each list's head row
    expect(rows(a.path, 'list_items')).toBe(5 + 3 + 2);
    expect(rows(a.path, 'stream_entries')).toBeLessThanOrEqual(20 + 2);
    expect((await a.conversation.recent('u', 100)).map((m) => m.content)).toEqual([
      'm49',
      'm48',
      'm47',
      'm46',
      'm45',
    ]);
  });

  it('sweeps expired rows of every kind (children included); expired rows are invisible before', async () => {
    const clock = new ManualClock();
    const a = make({ clock, ttl: { sessionMs: 1000, windowMs: 1000, findingsMs: 1000, eventLogMs: 1000 } });
    await a.sessions.start({ userId: 'u' });
    await a.conversation.append('u', { role: 'user', content: 'hi' });
    await a.findings.append('t', { agentId: 'a', subject: 's', verdict: 'v', confidence: 1 });
    await a.leases.acquire('t', 'a', 1000);
    await a.records.put('c', 'short', {}, { ttlMs: 1000 });
    await a.records.put('c', 'long', {}, { ttlMs: 60_000 });
    await a.log.createGroup('audit', 'g', '$');
    await a.log.append('audit', { n: 1 });
    await a.log.readGroup('audit', 'g', 'me');
    await a.vectors.upsert('v', [{ id: 'x', vector: [1, 0] }], { ttlMs: 1000 });
    clock.advance(2000);
    const census = await a.countKeys();
    expect(census).toMatchObject({ sessions: 0, windows: 0, findings: 0, leases: 0, streams: 0, vectors: 0 });
    expect(census).toMatchObject({ fences: 1, records: 1, recordIndexes: 1 });
    expect(rows(a.path, 'list_items')).toBe(2 + 2);

    // a session, a window, a findings list, a record, a stream, a vector collection; the lapsed
    // lease's row stays: it carries the fence, the last token issued for the task
    expect(a.sweep()).toBe(6);
    for (const table of ['sessions', 'list_items', 'streams', 'stream_entries']) {
      expect(rows(a.path, table)).toBe(0);
    }
    for (const table of ['stream_groups', 'stream_pending', 'vector_collections', 'vector_items']) {
      expect(rows(a.path, table)).toBe(0);
    }
    expect(rows(a.path, 'records')).toBe(1);
    expect(rows(a.path, 'leases')).toBe(1);
    expect((await a.leases.acquire('t', 'b', 1000))?.token).toBe(2);
  });

  it("reads share a snapshot only within a burst: another connection's write is seen after a yield or 1 ms", async () => {
    const a = make();
    await a.sessions.start({ id: 's', userId: 'u', context: { n: 1 } });
    const write = (n: number) => {
      const other = new Database(a.path);
      other.prepare('UPDATE sessions SET context = ?').run(JSON.stringify({ n }));
      other.close();
    };
    const n = async () => (await a.sessions.get('s'))?.context.n;
    expect(await n()).toBe(1);
    write(2);
    // the next turn of the event loop (a message, a timer, I/O from another process) reads afresh
    await new Promise((resolve) => setImmediate(resolve));
    expect(await n()).toBe(2);
    // a loop of microtasks that never yields still sees the write once its snapshot is 1 ms old
    expect(await n()).toBe(2);
    write(3);
    let seen = await n();
    for (let reads = 0; seen !== 3 && reads < 1_000_000; reads++) seen = await n();
    expect(seen).toBe(3);
  });

  it('sweeps on a timer that never keeps the process alive', async () => {
    const clock = new ManualClock();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const a = make({ clock, sweepIntervalMs: 10 });
    expect(timers()).toBe(before);
    await a.sessions.start({ userId: 'u', ttlMs: 1000 });
    clock.advance(2000);
    await waitFor(() => rows(a.path, 'sessions') === 0, 3000, 'the periodic sweep');
  });

  it('checks for other processes only while subscribed, and stops when the last subscription goes', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const a = make();
    const before = timers();
    const one = await a.events.subscribe('c', () => {});
    const two = await a.events.psubscribe('c:*', () => {});
    expect(timers()).toBe(before + 1);
    expect(rows(a.path, 'bus_peers')).toBe(1);
    expect(rows(a.path, 'bus_subscriptions')).toBe(2);
    await one.unsubscribe();
    expect(rows(a.path, 'bus_subscriptions')).toBe(1);
    await two.unsubscribe();
    expect(timers()).toBe(before);
    expect(rows(a.path, 'bus_peers')).toBe(0);
    expect(rows(a.path, 'bus_subscriptions')).toBe(0);
  });

  it('delivers in-process asynchronously, each handler its own copy; a throwing handler harms nobody', async () => {
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
      expect(rows(a.path, 'bus_messages')).toBe(0);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
