import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMemoryError, ManualClock } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalAdapter } from './index.js';

describe('local adapter snapshots', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-memory-local-'));
    path = join(dir, 'nested', 'memory.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('survives a restart: sessions, windows, leases, findings, records and streams come back', async () => {
    const clock = new ManualClock();
    const first = createLocalAdapter({ clock, snapshotPath: path, namespace: 'me' });
    const session = await first.sessions.start({ id: 's1', userId: 'u', context: { goal: 'ship' } });
    await first.conversation.appendMany('u', [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ]);
    const lease = (await first.leases.acquire('task-1', 'agent-a', 60_000))!;
    await first.findings.append('task-1', { agentId: 'agent-a', subject: 's', verdict: 'ok', confidence: 1 });
    await first.records.put('agents', 'agent-a', { alive: true }, { ttlMs: 60_000 });
    await first.log.createGroup('audit', 'g', '0');
    const ids = [await first.log.append('audit', { n: 1 }), await first.log.append('audit', { n: 2 })];
    await first.log.readGroup('audit', 'g', 'c1', { count: 1 });
    clock.advance(1000);
    await first.close();

    const second = createLocalAdapter({ clock, snapshotPath: path, namespace: 'me' });
    try {
      expect(await second.sessions.get('s1')).toEqual(session);
      expect(await second.sessions.ttl('s1')).toBe(3600_000 - 1000);
      expect((await second.conversation.recent('u')).map((m) => m.content)).toEqual(['hello', 'hi']);
      expect(await second.leases.get('task-1')).toEqual(lease);
      expect(await second.findings.count('task-1')).toBe(1);
      expect(await second.records.get('agents', 'agent-a')).toMatchObject({
        value: { alive: true },
        version: 1,
      });
      expect((await second.log.range('audit')).map((e) => e.id)).toEqual(ids);
      expect(await second.log.pending('audit', 'g')).toEqual([
        { id: ids[0], consumer: 'c1', idleMs: 1000, deliveries: 1 },
      ]);
      expect((await second.log.readGroup('audit', 'g', 'c2')).map((e) => e.data)).toEqual([{ n: 2 }]);
      // fencing continues where it stopped
      await second.leases.release({ resource: 'task-1', owner: 'agent-a' });
      expect((await second.leases.acquire('task-1', 'agent-b', 1000))!.token).toBe(lease.token + 1);
    } finally {
      await second.close();
    }
  });

  it('drops what expired and keeps only its own namespace', async () => {
    const clock = new ManualClock();
    const a = createLocalAdapter({ clock, snapshotPath: path, namespace: 'me' });
    await a.sessions.start({ id: 'short', userId: 'u', ttlMs: 1000 });
    await a.sessions.start({ id: 'long', userId: 'u', ttlMs: 60_000 });
    await a.records.put('c', 'short', {}, { ttlMs: 1000 });
    await a.records.put('c', 'long', {}, { ttlMs: 60_000 });
    clock.advance(2000);
    await a.close();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('"me:session:short"');
    expect(text).toContain('"me:session:long"');
    expect(JSON.parse(text).entries.find(([k]: [string]) => k === 'me:rec:{c}')[1].records).toEqual([
      ['long', expect.objectContaining({ version: 1 })],
    ]);

    const other = createLocalAdapter({ clock, snapshotPath: path, namespace: 'someone-else' });
    expect(await other.sessions.get('long')).toBeNull();
    await other.close();
    const again = createLocalAdapter({ clock, snapshotPath: path, namespace: 'me' });
    expect(await again.sessions.get('long')).not.toBeNull();
    clock.advance(60_000);
    await again.close();
    const reloaded = createLocalAdapter({ clock, snapshotPath: path, namespace: 'me' });
    expect(await reloaded.sessions.get('long')).toBeNull();
    await reloaded.close();
  });

  it('writes atomically, leaving no temporary file', async () => {
    const a = createLocalAdapter({ snapshotPath: path });
    await a.sessions.start({ userId: 'u' });
    await a.saveSnapshot();
    await a.sessions.start({ userId: 'u' });
    await a.close();
    await a.close();
    expect(await readdir(join(dir, 'nested'))).toEqual(['memory.json']);
  });

  it('starts empty without a snapshot file and refuses a corrupt one with CORRUPT_DATA', async () => {
    const a = createLocalAdapter({ snapshotPath: path });
    expect(await a.sessions.get('anything')).toBeNull();
    await a.close();
    for (const text of ['{not json', '{"format":"something else"}', '[]']) {
      await writeFile(path, text);
      try {
        createLocalAdapter({ snapshotPath: path });
        throw new Error(`accepted ${text}`);
      } catch (error) {
        expect(isMemoryError(error, 'CORRUPT_DATA')).toBe(true);
      }
    }
  });
});
