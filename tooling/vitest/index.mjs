// Workspace packages export "@agent-memory/source" -> src/*.ts, so tests run against sources
// without a build step; published consumers never see that condition and get dist/.
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const isolatedDataHome = fileURLToPath(new URL('./isolated-data-home.mjs', import.meta.url));

const conditions = ['@agent-memory/source', 'module', 'node', 'import', 'default'];

/**
 * @param {string} name project name shown by vitest
 * @param {import('vitest/config').UserWorkspaceConfig['test']} [test] extra test options
 */
export function defineWorkspaceProject(name, test = {}) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 30_000,
      ...test,
      setupFiles: [isolatedDataHome, ...(test.setupFiles ?? [])],
    },
  });
}
