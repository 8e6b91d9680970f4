import { type AuditEntry, createMemory, type Memory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditEventFeed } from './audit-event-feed.js';

let memory: Memory;

beforeAll(async () => {
  memory = await createMemory({ namespace: 'feed-test', patterns: false }, { logger: silentLogger });
});

afterAll(async () => {
  await memory?.close();
});

const analysis = (agentId: string, n: number) =>
  memory.agent(agentId).publish({ event: 'analysis_complete', task_id: 'feed', findings_count: n });

describe('AuditEventFeed', () => {
  it('starts at the tail: earlier entries are not replayed, later ones are delivered once', async () => {
    await analysis('alice', 1);
    const seen: AuditEntry[] = [];
    const feed = await AuditEventFeed.open(memory, { onEntry: (e) => seen.push(e) });
    await analysis('alice', 2);
    await analysis('alice', 3);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await feed.settled();
    expect(seen.map((e) => (e.event as { findings_count: number }).findings_count)).toEqual([2, 3]);
    expect(feed.cursor).toBe(seen[1]!.id);
    await feed.stop();
    await analysis('alice', 4);
    await feed.settled();
    expect(seen).toHaveLength(2);
  });

  it('replays after a given id, filtered by agent and type', async () => {
    const before = await memory.audit();
    const after = before[before.length - 1]!.id;
    await analysis('bob', 10);
    await analysis('carol', 11);
    await memory.agent('bob').publish({ event: 'analysis_complete', task_id: 'other', findings_count: 12 });
    const seen: AuditEntry[] = [];
    let readyAt: string | undefined;
    const feed = await AuditEventFeed.open(memory, {
      after,
      filter: { agentId: 'bob', taskId: 'feed', types: ['analysis_*'] },
      onReady: (cursor) => {
        readyAt = cursor;
      },
      onEntry: (e) => seen.push(e),
    });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await feed.settled();
    expect(readyAt).toBe(after);
    expect(seen[0]!.event).toMatchObject({ agent_id: 'bob', findings_count: 10 });
    await feed.stop();
  });

  it('finds entries whose publish never happened, on its poll', async () => {
    const seen: AuditEntry[] = [];
    const feed = await AuditEventFeed.open(memory, { pollMs: 20, onEntry: (e) => seen.push(e) });
    // Appended to the trail but never published: only the poll can notice it.
    await memory.adapter.log.append(memory.coordinator.settings.logStream, {
      event: 'analysis_complete',
      agent_id: 'dave',
      task_id: 'silent',
      findings_count: 1,
      ts: new Date().toISOString(),
    });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.event).toMatchObject({ agent_id: 'dave', task_id: 'silent' });
    await feed.stop();
  });
});
