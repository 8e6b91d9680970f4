import { defineWorkspaceProject } from '@agent-memory/vitest-config';

// The evaluation (scripts/eval.ts) is not a test: `pnpm run eval` runs it on its own, through vitest
// so that workspace packages resolve to their sources exactly as in the tests.
export default defineWorkspaceProject('recall-eval', {
  include: [process.env.RECALL_SCRIPT ?? 'scripts/eval.ts'],
  testTimeout: 1_800_000,
  hookTimeout: 120_000,
});
