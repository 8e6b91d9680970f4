import { isMemoryError } from '@agent-memory/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import { sleep } from '../test/eventually.js';
import type { Claim } from './claim.js';

const backends = testBackends();

const AGENTS = 32;
const TASKS = 200;
const KILLED = 6;
const LEASE = 250;

/** Deterministic PRNG so a failing run can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Grant {
  agentId: string;
  claim: Claim;
  /** When the lease began, on the backend's clock. */
  start: number;
  /** Set when its holder stops acting on it (before it releases or completes). */
  done: boolean;
}

describe.each(backends)('contention on $kind', (backend) => {
  let world: World;

  beforeEach(async () => {
    world = await backend.world({ label: 'contention' });
  });
  afterEach(() => world.dispose());

  it(`${AGENTS} agents race for ${TASKS} tasks, some dying mid-task`, { timeout: 60_000 }, async () => {
    const random = mulberry32(20251201);
    const tasks = Array.from({ length: TASKS }, (_, i) => `task-${i}`);
    const grants = new Map<string, Grant[]>(tasks.map((t) => [t, []]));
    const completedBy = new Map<string, { agentId: string; token: number }[]>();
    const sharedFindings = new Map<string, Set<string>>(tasks.map((t) => [t, new Set()]));
    const violations: string[] = [];
    const zombies: { agentId: string; taskId: string; token: number }[] = [];
    const knownDone = new Set<string>();

    const observer = await world.coordinator();
    await observer.bus.subscribe(
      (e) => {
        if (e.event === 'task_completed') knownDone.add(e.task_id);
      },
      { types: ['task_completed'] },
    );

    const recordGrant = (taskId: string, agentId: string, claim: Claim) => {
      const start = claim.expiresAt - LEASE;
      // At the moment the backend granted this lease, no other holder may still believe in its own.
      for (const other of grants.get(taskId)!) {
        if (!other.done && other.claim.state === 'held' && other.claim.expiresAt > start) {
          violations.push(
            `${taskId}: ${agentId}#${claim.token} granted while ${other.agentId}#${other.claim.token} held it`,
          );
        }
      }
      const grant = { agentId, claim, start, done: false };
      grants.get(taskId)!.push(grant);
      return grant;
    };

    const runAgent = async (index: number) => {
      const agentId = `agent-${index}`;
      const coord = await world.coordinator({ leaseMs: LEASE, heartbeatMs: LEASE / 5, waitPollMs: 50 });
      const agent = coord.agent(agentId, { role: 'contributor' });
      const order = [...tasks].sort(() => random() - 0.5);
      // The first KILLED agents die while holding their second claim, without releasing it.
      const dieOnClaim = index < KILLED ? 2 : Number.POSITIVE_INFINITY;
      let claims = 0;
      while (knownDone.size < TASKS) {
        let progressed = false;
        for (const taskId of order) {
          if (knownDone.has(taskId)) continue;
          const claim = await agent.claim(taskId);
          if (!claim) continue;
          progressed = true;
          claims++;
          const grant = recordGrant(taskId, agentId, claim);
          const finding = await agent.share(taskId, {
            subject: `result of ${taskId}`,
            verdict: 'done',
            confidence: 0.9,
            summary: `${agentId} worked on it with token ${claim.token}`,
          });
          sharedFindings.get(taskId)!.add(finding.id);
          await sleep(Math.floor(random() * 15));
          if (claims === dieOnClaim) {
            zombies.push({ agentId, taskId, token: claim.token });
            await coord.close();
            return;
          }
          grant.done = true;
          try {
            await agent.complete(claim, { by: agentId });
            const list = completedBy.get(taskId) ?? [];
            list.push({ agentId, token: claim.token });
            completedBy.set(taskId, list);
            knownDone.add(taskId);
          } catch (error) {
            // Losing the lease while working is allowed (a slow agent); completing twice is not.
            if (!isMemoryError(error, 'LEASE_LOST')) throw error;
          }
        }
        if (!progressed && knownDone.size < TASKS) {
          const remaining = tasks.filter((t) => !knownDone.has(t));
          const target = remaining[Math.floor(random() * remaining.length)]!;
          const claim = await agent.waitFor(target, { timeoutMs: LEASE * 2 });
          if (claim) {
            // Hand it back: the next pass over the tasks does the work the regular way.
            recordGrant(target, agentId, claim).done = true;
            await claim.release();
          }
        }
      }
      await coord.close();
    };

    await Promise.all(Array.from({ length: AGENTS }, (_, i) => runAgent(i)));

    expect(violations).toEqual([]);
    expect(world.reported.map((e) => e.message)).toEqual([]);
    expect(zombies).toHaveLength(KILLED);
    const states = [...grants.values()].flat().map((g) => g.claim.state);
    expect(states.filter((state) => state === 'completed')).toHaveLength(TASKS);
    expect(states.filter((state) => state === 'abandoned')).toHaveLength(KILLED);
    // Every dead agent's task had to be taken over by someone else.
    for (const z of zombies) expect(grants.get(z.taskId)!.length, z.taskId).toBeGreaterThan(1);
    const reader = (await world.coordinator()).agent('auditor', { role: 'observer' });
    for (const taskId of tasks) {
      // Completed exactly once, by the holder of the last token granted.
      const completions = completedBy.get(taskId) ?? [];
      expect(completions, taskId).toHaveLength(1);
      const record = await reader.completion(taskId);
      expect(record, taskId).toMatchObject({
        agentId: completions[0]!.agentId,
        token: completions[0]!.token,
      });
      // Fencing tokens strictly increase in the order leases began, and leases never overlap.
      const byStart = [...grants.get(taskId)!].sort(
        (a, b) => a.start - b.start || a.claim.token - b.claim.token,
      );
      for (let i = 1; i < byStart.length; i++) {
        const prev = byStart[i - 1]!;
        const next = byStart[i]!;
        expect(next.claim.token, taskId).toBeGreaterThan(prev.claim.token);
        if (prev.claim.state === 'abandoned' || prev.claim.state === 'lost') {
          expect(prev.claim.expiresAt, `${taskId} lease overlap`).toBeLessThanOrEqual(next.start);
        }
      }
      expect(Math.max(...byStart.map((g) => g.claim.token))).toBe(record!.token);
      // No finding lost.
      const stored = (await reader.findings(taskId)).map((f) => f.id).sort();
      expect(stored, taskId).toEqual([...sharedFindings.get(taskId)!].sort());
    }
    // A dead agent coming back with its old token is refused.
    const revenant = await world.coordinator();
    for (const z of zombies) {
      const again = revenant.agent(z.agentId, { role: 'contributor' });
      await expect(again.complete({ taskId: z.taskId, token: z.token })).rejects.toSatisfy((e) =>
        isMemoryError(e, 'LEASE_LOST'),
      );
    }
  });
});
