import { defineWorkspaceProject } from '@agent-memory/vitest-config';

export default defineWorkspaceProject('agent-memory');
