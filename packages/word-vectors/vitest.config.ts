import { defineWorkspaceProject } from '@agent-memory/vitest-config';

export default defineWorkspaceProject('word-vectors');
