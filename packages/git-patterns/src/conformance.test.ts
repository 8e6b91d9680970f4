import { describePatternStore } from '@agent-memory/core/testing';
import { afterAll } from 'vitest';
import { TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

describePatternStore('git-patterns', async () => {
  const store = await createGitPatternStore({ repo: dirs.make('conformance'), init: true });
  return { store, teardown: () => store.close() };
});
