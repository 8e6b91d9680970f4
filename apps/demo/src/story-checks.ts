import type { RunReport } from './run-report.js';

/** One claim the demo makes about what happened, checked against what memory recorded. */
export interface StoryCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What the demo promises to show; the exit code is non-zero when any of it did not happen. */
export function checkStory(
  runs: readonly RunReport[],
  gitLog: readonly string[],
  killExpected: boolean,
): StoryCheck[] {
  const checks: StoryCheck[] = [];
  const [first, second] = runs;
  if (!first) return checks;

  const tasks = runs.flatMap((r) => r.tasks);
  const notOnce = tasks.filter((t) => t.completions !== 1 || t.completedBy === null);
  checks.push({
    name: 'every task completed exactly once',
    ok: tasks.length > 0 && notOnce.length === 0,
    detail:
      notOnce.length === 0
        ? `${runs.map((r) => r.tasks.length).join(' + ')} tasks, one completion each`
        : `not exactly once: ${notOnce.map((t) => `${t.id} (${t.completions})`).join(', ')}`,
  });

  const conflict = first.conflicts[0];
  const settledBefore = first.skipped[0];
  checks.push({
    name: 'conflict detected and resolved by the validator',
    ok: conflict
      ? first.conflicts.every((c) => c.state === 'resolved')
      : // With patterns from an earlier invocation, git already holds the settled disagreement.
        settledBefore !== undefined,
    detail: conflict
      ? `${conflict.subject}: ${conflict.positions.map((p) => `${p.agentId}=${p.verdict}`).join(' vs ')} → ${conflict.resolution?.verdict ?? 'open'}`
      : settledBefore
        ? `no second opinion needed on ${settledBefore.file}: ${settledBefore.reason} (from an earlier run)`
        : 'no conflict was recorded',
  });

  if (killExpected) {
    const { killed } = first;
    const takeover = killed ? first.takeovers.find((t) => t.taskId === killed.taskId) : undefined;
    checks.push({
      name: "killed worker's task taken over with a higher fencing token",
      ok:
        killed !== null &&
        takeover !== undefined &&
        takeover.to.token > killed.token &&
        takeover.to.agentId !== killed.agentId,
      detail:
        killed && takeover
          ? `${killed.agentId} died holding ${killed.taskId} (token ${killed.token}); ${takeover.to.agentId} took over with token ${takeover.to.token}`
          : killed
            ? `${killed.agentId} died holding ${killed.taskId}, but nobody took it over`
            : 'no worker was killed',
    });
    checks.push({
      name: 'stale fencing token refused',
      ok: first.staleWriteRefused === true,
      detail: first.staleWriteRefused
        ? 'late completion with the dead worker’s token → LEASE_LOST'
        : 'not refused',
    });
  }

  const promoted = runs.reduce((n, r) => n + r.promoted.length, 0);
  const recalledFirst = first.recalled > 0;
  checks.push({
    name: 'agreed findings promoted and committed to git',
    ok: (promoted > 0 || recalledFirst) && gitLog.length >= promoted,
    detail:
      promoted > 0
        ? `${promoted} pattern(s) promoted, ${gitLog.length} commit(s) in the patterns folder`
        : `nothing new to promote: the patterns from an earlier run (${gitLog.length} commit(s)) already cover it`,
  });

  if (second) {
    checks.push({
      name: 'second run reused the patterns',
      ok: second.recalled > 0 && second.tokensSaved > 0 && second.analysed <= first.analysed,
      detail: `analysed ${second.analysed} task(s) (run 1: ${first.analysed}), ${second.recalled} answered from git, ~${second.tokensSaved} tokens saved`,
    });
  }
  return checks;
}
