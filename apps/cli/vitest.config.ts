import { defineWorkspaceProject } from '@agent-memory/vitest-config';

// The CLI is tested as a process from dist/: globalSetup builds it (and its dependencies) first.
export default defineWorkspaceProject('cli', {
  testTimeout: 60_000,
  globalSetup: ['./test/global-setup.ts'],
});
