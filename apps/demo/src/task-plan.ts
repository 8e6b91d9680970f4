import type { GitPatternStore } from 'agent-memory';
import type { KnownIssue } from './analyzer.js';
import type { LatencyRecorder } from './latency-recorder.js';
import { knownIssueOf, RESOLVED_TAG } from './learned-pattern.js';
import { reviewPrompt } from './prompt-builder.js';
import type { SourceFile } from './sample-codebase.js';
import type { BoardTask } from './task-board.js';

/** A task the orchestrator did not post because long-term memory already answers it. */
export interface SkippedTask {
  id: string;
  file: string;
  reason: string;
  /** What the task's prompt would have cost without memory. */
  coldTokens: number;
  coldChars: number;
}

export interface TaskPlan {
  tasks: BoardTask[];
  skipped: SkippedTask[];
}

/** Security-sensitive code gets a second, independent opinion. */
export const needsSecondOpinion = (file: SourceFile): boolean => file.path.includes('/auth/');

/**
 * One review per file, plus a quick cross-check of security-sensitive files by another agent,
 * unless a pattern already records how a past disagreement on that exact content was settled.
 */
export async function planTasks(
  files: readonly SourceFile[],
  patterns: GitPatternStore | null,
  recorder: LatencyRecorder,
): Promise<TaskPlan> {
  const tasks: BoardTask[] = [];
  const skipped: SkippedTask[] = [];
  for (const file of files) {
    const review = `review-${taskSlug(file.path)}`;
    const crossCheck = `xcheck-${taskSlug(file.path)}`;
    const wantsSecondOpinion = needsSecondOpinion(file);
    tasks.push({
      id: review,
      kind: 'review',
      file: file.path,
      profile: 'thorough',
      findingsOn: review,
      ...(wantsSecondOpinion ? { pairedWith: crossCheck } : {}),
      order: tasks.length,
    });
    if (!wantsSecondOpinion) continue;
    const settled = await settledDisagreement(file, patterns, recorder);
    if (settled) {
      const cold = reviewPrompt({
        agentId: 'worker',
        profile: 'quick',
        file,
        session: {},
        recent: [],
        patterns: [],
      });
      skipped.push({
        id: crossCheck,
        file: file.path,
        reason: `settled in pattern ${settled.patternId}`,
        coldTokens: cold.tokens,
        coldChars: cold.text.length,
      });
      delete tasks[tasks.length - 1]!.pairedWith;
      continue;
    }
    tasks.push({
      id: crossCheck,
      kind: 'cross-check',
      file: file.path,
      profile: 'quick',
      findingsOn: review,
      pairedWith: review,
      order: tasks.length,
    });
  }
  return { tasks, skipped };
}

async function settledDisagreement(
  file: SourceFile,
  patterns: GitPatternStore | null,
  recorder: LatencyRecorder,
): Promise<KnownIssue | null> {
  if (!patterns) return null;
  const found = await recorder.time('patterns.list', () =>
    patterns.list({ file: file.path, tag: RESOLVED_TAG }),
  );
  const known = found.map(knownIssueOf).find((k) => k !== null && k.fingerprint === file.fingerprint);
  return known ?? null;
}

/** `src/db/user-repository.ts` → `db-user-repository`. */
export function taskSlug(path: string): string {
  return path
    .replace(/^src\//, '')
    .replace(/\.[a-z]+$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
