import type { BusMessage } from '@agent-memory/core';
import { sleep, waitFor } from '@agent-memory/core/testing';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lineMatching, Workers } from '../test/child-process.js';
import { useTempDir } from '../test/temp-dir.js';
import { PEER_STALE_MS } from './bus-tables.js';
import { createSqliteAdapter, type SqliteAdapter } from './index.js';

// Pub/sub and the event log between real OS processes on one file (test/workers/pubsub-worker.ts).
const temp = useTempDir('events');
const workers = new Workers(temp.dir);
afterAll(() => workers.killAll());

const open: SqliteAdapter[] = [];
const adapter = (file: string) => {
  const a = createSqliteAdapter({ path: file, namespace: 'xp', sweepIntervalMs: 0 });
  open.push(a);
  return a;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close()));
});

/** Collects the JSON lines a child prints. */
function collect(child: ReturnType<Workers['start']>): unknown[] {
  const lines: unknown[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part !== '') lines.push(JSON.parse(part));
  });
  return lines;
}

describe('pub/sub and the event log across processes', () => {
  it('a subscriber in another process receives what this one publishes, in order', async () => {
    const file = temp.file();
    const here = adapter(file);
    const child = workers.start('pubsub-worker', [file, 'subscriber']);
    const received = collect(child);
    await lineMatching(child, (line) => line === '"ready"');

    const reached: number[] = [];
    for (let i = 0; i < 20; i++) reached.push(await here.events.publish('news', { i }));
    reached.push(await here.events.publish('jobs:build', { job: 1 }));
    expect(await here.events.publish('elsewhere', 'nobody')).toBe(0);
    // Redis PUBLISH counts receivers: the other process's subscription is counted here
    expect(reached).toEqual(Array.from({ length: 21 }, () => 1));

    await waitFor(() => received.length === 22, 5000, 'delivery to the other process');
    expect(received.slice(1)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => ({ channel: 'news', payload: { i } })),
      { channel: 'jobs:build', pattern: 'jobs:*', payload: { job: 1 } },
    ]);

    // the subscriber closes (on "bye"): it is no longer counted
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await here.events.publish('news', 'bye');
    await exited;
    expect(await here.events.publish('news', 'after')).toBe(0);
  });

  it('this process receives what another one publishes', async () => {
    const file = temp.file();
    const here = adapter(file);
    const got: BusMessage[] = [];
    await here.events.subscribe('news', (m) => void got.push(m));
    const child = workers.start('pubsub-worker', [file, 'publisher', '10']);
    const lines = collect(child);
    await waitFor(() => lines.includes('ready'), 10_000, 'the publisher');
    expect(await here.events.publish('control', 'go')).toBe(1);
    await waitFor(() => got.length === 10, 5000, 'delivery from the other process');
    expect(got.map((m) => m.payload)).toEqual(Array.from({ length: 10 }, (_, i) => ({ i })));
    await waitFor(() => lines.length === 2, 5000, 'the publisher report');
    expect(lines[1]).toEqual({ reached: Array.from({ length: 10 }, () => 1) });
  });

  it('a killed subscriber stops counting once its heartbeat is stale', async () => {
    const file = temp.file();
    const here = adapter(file);
    const child = workers.start('pubsub-worker', [file, 'subscriber']);
    await lineMatching(child, (line) => line === '"ready"');
    expect(await here.events.publish('news', 1)).toBe(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    // still counted right after the kill (nothing ran in the child), until its heartbeat is stale
    const deadline = Date.now() + PEER_STALE_MS + 5000;
    let counted = await here.events.publish('news', 'anyone?');
    expect(counted).toBe(1);
    while (counted > 0 && Date.now() < deadline) {
      await sleep(50);
      counted = await here.events.publish('news', 'anyone?');
    }
    expect(counted).toBe(0);
    // the sweep deletes its rows and the messages that were left for it
    here.sweep();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT count(*) FROM bus_peers').pluck().get()).toBe(0);
      expect(raw.prepare('SELECT count(*) FROM bus_subscriptions').pluck().get()).toBe(0);
      expect(raw.prepare('SELECT count(*) FROM bus_messages').pluck().get()).toBe(0);
    } finally {
      raw.close();
    }
  });

  it('a consumer group here reads what another process appends, waking a blocked read', async () => {
    const file = temp.file();
    const here = adapter(file);
    await here.log.createGroup('audit', 'readers', '$');
    const blocked = here.log.readGroup('audit', 'readers', 'me', { blockMs: 20_000 });
    const appender = workers.run('pubsub-worker', [file, 'appender', '25']);
    const first = await blocked;
    expect(first.length).toBeGreaterThanOrEqual(1);
    await appender;
    const rest = await here.log.readGroup('audit', 'readers', 'me');
    const entries = [...first, ...rest];
    expect(entries.map((e) => e.data)).toEqual(Array.from({ length: 25 }, (_, i) => ({ i })));
    expect((await here.log.pending('audit', 'readers')).length).toBe(25);
    expect(
      await here.log.ack(
        'audit',
        'readers',
        entries.map((e) => e.id),
      ),
    ).toBe(25);
    expect(await here.log.pending('audit', 'readers')).toEqual([]);
  });
});
