import { defineWorkspaceProject } from '@agent-memory/vitest-config';

export default defineWorkspaceProject('chaos', { testTimeout: 120_000, hookTimeout: 90_000 });
