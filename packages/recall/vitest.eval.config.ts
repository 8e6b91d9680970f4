import { defineWorkspaceProject } from '@agent-memory/vitest-config';

// The evaluation (scripts/eval.ts) and the development-set grid (scripts/tune-dev.ts) are not tests:
// `pnpm run eval` and `pnpm run tune` run one each, through vitest
// so that workspace packages resolve to their sources exactly as in the tests.
export default defineWorkspaceProject('recall-eval', {
  include: ['scripts/eval.ts', 'scripts/tune-dev.ts'],
  testTimeout: 1_800_000,
  hookTimeout: 120_000,
});
