import { defineWorkspaceProject } from '@agent-memory/vitest-config';

export default defineWorkspaceProject('server', {
  testTimeout: 60_000,
  globalSetup: ['./test/build-dist.ts'],
});
