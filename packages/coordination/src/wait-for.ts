import { assertId, DurationMsSchema, parseInput, type Subscription, toMemoryError } from '@agent-memory/core';
import { z } from 'zod';
import type { Claim } from './claim.js';
import { type ClaimListener, ClaimOptionsSchema, type ClaimService } from './claims.js';
import type { CoordinationContext } from './context.js';

export const WaitForOptionsSchema = ClaimOptionsSchema.extend({
  /** Give up after this long (resolves null); waits until the signal aborts when omitted. */
  timeoutMs: DurationMsSchema.optional(),
  signal: z.instanceof(AbortSignal).optional(),
  /** Re-check at least this often when no event arrives (default: the coordinator's waitPollMs). */
  pollMs: DurationMsSchema.optional(),
}).strict();
export type WaitForOptions = z.input<typeof WaitForOptionsSchema>;

// Events after which a held task may be free: worth an immediate claim attempt.
const FREEING_EVENTS = ['task_released', 'task_completed', 'lease_lost'];
// Lease expiry is checked on the backend's clock; waking a moment later avoids a wasted attempt.
const EXPIRY_SLACK_MS = 5;

/**
 * Claims the task as soon as it frees up: woken by release/completion/lost events, with a poll at
 * the current lease's expiry (a crashed holder publishes nothing) and at least every pollMs.
 * Resolves the claim, or null on timeout, abort, or when the task gets completed by someone else.
 */
export async function waitForTask(
  ctx: CoordinationContext,
  claims: ClaimService,
  agentId: string,
  taskId: string,
  options: WaitForOptions,
  listener?: ClaimListener,
): Promise<Claim | null> {
  assertId(taskId, 'task id');
  const { timeoutMs, signal, pollMs, ...claimOptions } = parseInput(
    WaitForOptionsSchema,
    options,
    'waitFor options',
  );
  ctx.assertOpen();
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  let woken = false;
  let wake = () => {
    woken = true;
  };
  let subscription: Subscription | undefined;
  try {
    subscription = await ctx.bus.subscribe(
      (event) => {
        if ('task_id' in event && event.task_id === taskId) wake();
      },
      { types: FREEING_EVENTS, onError: () => undefined },
    );
  } catch (error) {
    // Without live events polling still gets there, just later.
    ctx.report(toMemoryError(error, 'BACKEND_UNAVAILABLE', 'waitFor could not subscribe; polling only'));
  }
  try {
    for (;;) {
      if (signal?.aborted || ctx.closed) return null;
      woken = false;
      const claim = await claims.claim(agentId, taskId, claimOptions, listener);
      if (claim) return claim;
      if (await claims.completion(taskId)) return null;
      const owner = await claims.owner(taskId);
      let delay = pollMs ?? ctx.settings.waitPollMs;
      if (owner) delay = Math.min(delay, Math.max(1, owner.expiresAt - ctx.clock.now() + EXPIRY_SLACK_MS));
      if (deadline !== undefined) {
        const left = deadline - Date.now();
        if (left <= 0) return null;
        delay = Math.min(delay, left);
      }
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          wake = () => {
            woken = true;
          };
          resolve();
        };
        const timer = setTimeout(done, delay);
        wake = done;
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  } finally {
    await subscription?.unsubscribe().catch(() => undefined);
  }
}
