import { defineConfig } from 'vitest/config';

// One vitest run over every workspace project: this is what `npm test` (and CI) executes.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/*'],
    reporters: ['default'],
  },
});
