import type { PatternInput } from '@agent-memory/core';

/** The smallest valid pattern input: a bug fix by agent-a with this title, plus any overrides. */
export const bugFixInput = (title: string, extra: Partial<PatternInput> = {}): PatternInput => ({
  kind: 'bug-fix',
  title,
  author: 'agent-a',
  ...extra,
});
