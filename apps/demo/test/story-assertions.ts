import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { DemoReport } from '../src/run-demo.js';

/** What every full (two-run) demo must show, read from the report, the output and the git repository. */
export async function expectFullStory(
  report: DemoReport,
  output: string,
  patternsRepo: string,
): Promise<void> {
  const [first, second] = report.runs;
  if (!first || !second) throw new Error('expected two runs');

  // Every posted task completed exactly once, by the holder of a valid token.
  for (const run of report.runs) {
    expect(run.tasks.length).toBeGreaterThan(0);
    for (const task of run.tasks) {
      expect(task.completions, task.id).toBe(1);
      expect(task.completedBy, task.id).not.toBeNull();
      expect(task.completedBy!.token).toBe(Math.max(...task.claims.map((c) => c.token)));
    }
  }

  // Two agents disagreed on one subject; the validator settled it.
  expect(first.conflicts).toHaveLength(1);
  const [conflict] = first.conflicts;
  expect(conflict!.subject).toBe('src/auth/session-check.ts#loose-equality');
  expect(new Set(conflict!.positions.map((p) => p.agentId)).size).toBe(2);
  expect(conflict!.state).toBe('resolved');
  expect(conflict!.resolution).toMatchObject({ by: 'validator', verdict: 'auth-bypass-risk' });

  // The killed worker's task went to another worker with a higher fencing token; its late write was refused.
  const killed = first.killed!;
  expect(killed).not.toBeNull();
  const takeover = first.takeovers.find((t) => t.taskId === killed.taskId)!;
  expect(takeover).toBeDefined();
  expect(takeover.from).toEqual({ agentId: killed.agentId, token: killed.token });
  expect(takeover.to.agentId).not.toBe(killed.agentId);
  expect(takeover.to.token).toBeGreaterThan(killed.token);
  expect(first.tasks.find((t) => t.id === killed.taskId)!.completedBy).toEqual(takeover.to);
  expect(first.staleWriteRefused).toBe(true);

  // Agreed findings became patterns, each one a commit in the patterns repository.
  expect(first.promoted.length).toBeGreaterThanOrEqual(5);
  const log = execFileSync('git', ['log', '--oneline', '--', 'patterns'], {
    cwd: patternsRepo,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  expect(log.length).toBe(first.promoted.length + second.promoted.length);
  expect(report.gitLog).toEqual(log);
  const resolvedPattern = first.promoted.find((p) => p.id === 'loose-equality-src-auth-session-check-ts');
  expect(resolvedPattern).toBeDefined();

  // The second run recalled them: fewer tasks analysed, no second opinion needed, tokens saved.
  expect(second.recalled).toBeGreaterThan(0);
  expect(second.analysed).toBeLessThan(first.analysed);
  expect(second.skipped.map((s) => s.id)).toEqual(['xcheck-auth-session-check']);
  expect(second.tasks.length).toBe(first.tasks.length - 1);
  expect(second.tokensSaved).toBeGreaterThan(0);
  expect(second.promptTokens).toBeLessThan(first.promptTokens);
  expect(second.conflicts).toEqual([]);
  expect(second.killed).toBeNull();

  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.latency.map((r) => r.operation)).toEqual(
    expect.arrayContaining(['task.claim', 'finding.share', 'session.get', 'window.recent', 'patterns.list']),
  );

  // The printed timeline and summary tell the same story.
  expect(output).toContain('CONFLICT on src/auth/session-check.ts#loose-equality');
  expect(output).toContain(`took over ${killed.taskId} from ${killed.agentId}`);
  expect(output).toContain('refused (LEASE_LOST)');
  expect(output).toContain('promoted into git');
  expect(output).toContain('recalled src/db/user-repository.ts from git');
  expect(output).toContain('git log --oneline');
  expect(output).toMatch(/p50 ms/);
  expect(output).not.toContain('✗');
}
