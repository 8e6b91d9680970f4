import { performance } from 'node:perf_hooks';
import type { AgentEvent } from '@agent-memory/core';
import type { Memory, Subscription } from 'agent-memory';
import type { Colors } from './demo-output.js';

type Tone = 'plain' | 'good' | 'warn' | 'bad' | 'dim';

/**
 * The live timeline: every event on `agent:events` (from this process and from worker processes)
 * as one line, plus notes the orchestrator adds for what is not an event (a worker being killed).
 */
export class Timeline {
  readonly #started = performance.now();
  #subscription: Subscription | undefined;
  #received = 0;
  readonly #holders = new Map<string, { agentId: string; token: number; done: boolean }>();
  readonly #verdicts = new Map<string, string>();
  readonly #conflicts = new Map<string, string>();

  constructor(
    private readonly print: (line: string) => void,
    private readonly colors: Colors,
  ) {}

  /** How many bus events arrived so far (compared with the audit trail to know none is in flight). */
  get received(): number {
    return this.#received;
  }

  async attach(memory: Memory): Promise<void> {
    this.#subscription = await memory.events.subscribe((event) => {
      this.#received++;
      this.#show(event);
    });
  }

  async detach(): Promise<void> {
    await this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }

  /** Waits (bounded) until `expected` events have arrived: pub/sub delivery trails the writes a little. */
  async settle(expected: number, timeoutMs = 2000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.#received < expected && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  note(agentId: string, text: string, tone: Tone = 'plain'): void {
    this.#line(agentId, text, tone);
  }

  #show(event: AgentEvent): void {
    const c = this.colors;
    switch (event.event) {
      case 'task_claimed': {
        const before = this.#holders.get(event.task_id);
        this.#holders.set(event.task_id, { agentId: event.agent_id, token: event.token, done: false });
        if (before && !before.done && before.agentId !== event.agent_id) {
          this.#line(
            event.agent_id,
            `took over ${c.bold(event.task_id)} from ${before.agentId}: token ${before.token} → ${c.bold(String(event.token))}`,
            'warn',
          );
        } else {
          this.#line(event.agent_id, `claimed ${c.bold(event.task_id)} (token ${event.token})`);
        }
        return;
      }
      case 'task_completed': {
        const holder = this.#holders.get(event.task_id);
        if (holder) holder.done = true;
        this.#line(event.agent_id, `completed ${event.task_id}`, 'dim');
        return;
      }
      case 'task_released':
        if (event.reason === 'completed' || event.meta?.purged === true) return;
        this.#line(event.agent_id, `released ${event.task_id} (${event.reason})`, 'dim');
        return;
      case 'lease_lost':
        this.#line(event.agent_id, `lost its lease on ${event.task_id} (token ${event.token})`, 'bad');
        return;
      case 'finding_shared':
        this.#verdicts.set(`${event.task_id}|${event.subject}|${event.agent_id}`, event.verdict);
        this.#line(
          event.agent_id,
          `finding ${event.subject} → ${c.bold(event.verdict)} (${event.confidence.toFixed(2)})`,
        );
        return;
      case 'analysis_complete': {
        const meta = event.meta ?? {};
        const parts = c.dim(
          `(session ${meta.session} · window ${meta.window} · patterns ${meta.patterns} · task ${meta.task})`,
        );
        const text =
          meta.mode === 'recalled'
            ? `recalled ${meta.file} from git: ${event.findings_count} known issue(s); prompt ${meta.prompt_tokens} tokens instead of ${meta.cold_tokens} ${parts}`
            : `analysed ${meta.file}: ${event.findings_count} issue(s); prompt ${meta.prompt_tokens} tokens ${parts}`;
        this.#line(event.agent_id, text, meta.mode === 'recalled' ? 'good' : 'plain');
        return;
      }
      case 'conflict_detected': {
        this.#conflicts.set(event.conflict_id, event.subject);
        const sides = event.agents
          .map((a) => `${a} says ${this.#verdicts.get(`${event.task_id}|${event.subject}|${a}`) ?? '?'}`)
          .join(' vs ');
        this.#line(event.agent_id, `CONFLICT on ${c.bold(event.subject)}: ${sides}`, 'warn');
        return;
      }
      case 'conflict_resolved': {
        const subject = this.#conflicts.get(event.conflict_id) ?? event.conflict_id;
        const verdict = typeof event.meta?.verdict === 'string' ? ` → ${c.bold(event.meta.verdict)}` : '';
        this.#line(event.agent_id, `resolved ${subject}${verdict}: ${event.resolution}`, 'good');
        return;
      }
      case 'pattern_staged':
        this.#line(event.agent_id, `staged "${event.title}"`, 'dim');
        return;
      case 'pattern_promoted':
        this.#line(event.agent_id, `promoted into git: ${c.bold(event.pattern_id)}`, 'good');
        return;
      case 'pattern_rejected':
        this.#line(event.agent_id, `rejected ${event.candidate_id}: ${event.reason}`, 'dim');
        return;
      case 'agent_joined':
      case 'agent_left':
        this.#line(event.agent_id, event.event === 'agent_joined' ? 'joined' : 'left', 'dim');
        return;
    }
  }

  #line(agentId: string, text: string, tone: Tone = 'plain'): void {
    const c = this.colors;
    const seconds = ((performance.now() - this.#started) / 1000).toFixed(2);
    const paint = { plain: (s: string) => s, good: c.green, warn: c.yellow, bad: c.red, dim: c.dim }[tone];
    this.print(
      `${c.dim(`+${seconds.padStart(5)}s`)}  ${agentColor(c, agentId)(agentId.padEnd(12))}  ${paint(text)}`,
    );
  }
}

function agentColor(c: Colors, agentId: string): (s: string) => string {
  if (agentId === 'orchestrator') return c.magenta;
  if (agentId === 'validator') return c.cyan;
  const n = Number(agentId.replace(/\D/g, '')) || 0;
  return [c.blue, c.green, c.yellow, c.magenta, c.cyan][n % 5]!;
}
