import { defineWorkspaceProject } from '@agent-memory/vitest-config';

// The global setup builds dist/ once: the CLI test spawns dist/main.js and --processes forks dist/worker.js.
export default defineWorkspaceProject('demo', {
  testTimeout: 120_000,
  globalSetup: ['./test/build-dist.ts'],
});
