import { isMemoryError } from '@agent-memory/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends, type World } from '../test/backends.js';
import type { Agent } from './agent.js';
import type { Claim } from './claim.js';

const backends = testBackends();

const AGENTS = 3;
const TASKS = 2;

type Op =
  | { kind: 'claim' | 'renew' | 'release' | 'complete'; agent: number; task: number }
  | { kind: 'expire'; steps: number };

const onTask = (kind: 'claim' | 'renew' | 'release' | 'complete') =>
  fc.record({ kind: fc.constant(kind), agent: fc.nat(AGENTS - 1), task: fc.nat(TASKS - 1) });

interface Plan {
  leaseMs: number;
  runs: number;
  maxOps: number;
  /** How long an `expire` step lets pass. */
  stepMs: (steps: number) => number;
  /**
   * Around a lease's expiry, real time cannot say which side of it the backend was on; there the
   * model accepts either outcome and follows the backend. Zero with a ManualClock: exact.
   */
  marginMs: number;
}

// Manual time: steps of 7 ms never land exactly on a 100 ms expiry, so every outcome is decided.
const manual: Plan = { leaseMs: 100, runs: 200, maxOps: 40, stepMs: (n) => n * 7, marginMs: 0 };
const realTime: Plan = { leaseMs: 300, runs: 12, maxOps: 20, stepMs: () => 440, marginMs: 120 };

interface HolderModel {
  agent: number;
  token: number;
  expiresAt: number;
}

describe.each(backends)('claims against a reference model on $kind', (backend) => {
  let world: World;
  let agents: Agent[];
  let run = 0;
  const plan = backend.kind === 'local' ? manual : realTime;

  beforeAll(async () => {
    world = await backend.world({ label: 'model', manualClock: true });
    const coord = await world.coordinator({ leaseMs: plan.leaseMs });
    agents = Array.from({ length: AGENTS }, (_, i) => coord.agent(`agent-${i}`, { role: 'contributor' }));
  });
  afterAll(() => world.dispose());

  const ops = fc.array(
    fc.oneof(
      { arbitrary: onTask('claim'), weight: 4 },
      { arbitrary: onTask('renew'), weight: 2 },
      { arbitrary: onTask('release'), weight: 2 },
      { arbitrary: onTask('complete'), weight: 2 },
      {
        arbitrary: fc.record({
          kind: fc.constant('expire' as const),
          steps: fc.integer({ min: 1, max: 30 }),
        }),
        weight: backend.kind === 'local' ? 3 : 1,
      },
    ),
    { minLength: 1, maxLength: plan.maxOps },
  );

  it('never grants overlapping claims, always raises the token, completes at most once', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (script: Op[]) => {
        run++;
        const taskId = (t: number) => `r${run}-t${t}`;
        const holder: (HolderModel | null)[] = Array.from({ length: TASKS }, () => null);
        const lastToken: number[] = Array.from({ length: TASKS }, () => 0);
        const completed: boolean[] = Array.from({ length: TASKS }, () => false);
        const claims = new Map<string, Claim>();
        const now = () => world.clock.now();
        // live: surely held; dead: surely lapsed; otherwise too close to call.
        const liveness = (h: HolderModel | null): 'live' | 'dead' | 'unsure' => {
          if (!h) return 'dead';
          if (now() < h.expiresAt - plan.marginMs) return 'live';
          if (now() >= h.expiresAt + plan.marginMs) return 'dead';
          return 'unsure';
        };

        for (const op of script) {
          if (op.kind === 'expire') {
            await world.elapse(plan.stepMs(op.steps));
            continue;
          }
          const t = op.task;
          const agent = agents[op.agent]!;
          const key = `${op.agent}/${t}`;
          const h = holder[t] ?? null;
          const state = liveness(h);
          const mine = claims.get(key);
          const isMine = mine !== undefined && h !== null && h.agent === op.agent && h.token === mine.token;

          if (op.kind === 'claim') {
            const claim = await agent.claim(taskId(t), { heartbeat: false });
            if (completed[t] || state === 'live') expect(claim).toBeNull();
            if (!completed[t] && state === 'dead') expect(claim).not.toBeNull();
            if (claim) {
              expect(claim.token).toBeGreaterThan(lastToken[t]!);
              lastToken[t] = claim.token;
              holder[t] = { agent: op.agent, token: claim.token, expiresAt: claim.expiresAt };
              claims.set(key, claim);
            }
          } else if (op.kind === 'renew') {
            if (!mine) continue;
            const outcome = await mine.renew().then(
              () => 'ok' as const,
              (e: unknown) => (isMemoryError(e, 'LEASE_LOST') ? ('lost' as const) : Promise.reject(e)),
            );
            if (isMine && state === 'live') expect(outcome).toBe('ok');
            if (!isMine || state === 'dead') expect(outcome).toBe('lost');
            if (outcome === 'ok') holder[t] = { ...h!, expiresAt: mine.expiresAt };
            else expect(mine.state).not.toBe('held');
          } else if (op.kind === 'release') {
            if (!mine) continue;
            const released = await mine.release();
            if (isMine && state === 'live') expect(released).toBe(true);
            if (!isMine || state === 'dead') expect(released).toBe(false);
            if (released) holder[t] = null;
          } else {
            if (!mine) continue;
            const outcome = await mine.complete().then(
              () => 'ok' as const,
              (e: unknown) => (isMemoryError(e, 'LEASE_LOST') ? ('lost' as const) : Promise.reject(e)),
            );
            if (isMine && state === 'live') expect(outcome).toBe('ok');
            if (!isMine || state === 'dead') expect(outcome).toBe('lost');
            if (outcome === 'ok') {
              expect(completed[t]).toBe(false);
              completed[t] = true;
              holder[t] = null;
              expect((await agent.completion(taskId(t)))?.token).toBe(mine.token);
            }
          }

          // The backend agrees with the model about who holds the task now.
          const owner = await agent.owner(taskId(t));
          const after = holder[t] ?? null;
          const afterState = liveness(after);
          if (afterState === 'live')
            expect(owner).toMatchObject({ agentId: `agent-${after!.agent}`, token: after!.token });
          if (afterState === 'dead') expect(owner).toBeNull();
          if (owner) expect(owner.token).toBe(lastToken[t]);
        }
        // Nothing left running between runs.
        for (const claim of claims.values()) if (claim.held) await claim.release();
      }),
      // Shrinking replays scripts; on Redis each replay sleeps, so report the first failure as is.
      { numRuns: plan.runs, endOnFailure: backend.kind === 'redis' },
    );
  }, 120_000);
});
