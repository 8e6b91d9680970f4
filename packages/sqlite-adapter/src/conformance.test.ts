import { ManualClock } from '@agent-memory/core';
import { describeShortTermAdapter } from '@agent-memory/core/testing';
import { useTempDir } from '../test/temp-dir.js';
import { createSqliteAdapter } from './index.js';

// The conformance suites on a ManualClock (TTLs exact, no sleeping), each test on its own file.
// `connect` opens a second adapter on the same file: a second connection, exactly what another
// process opens, so every "shared by adapters on one namespace" test runs (none is skipped).
// The VectorIndex suite runs inside describeShortTermAdapter, on adapter.vectors.
const temp = useTempDir('conformance');

describeShortTermAdapter('sqlite', async (config) => {
  const clock = new ManualClock();
  const path = temp.file();
  const adapter = createSqliteAdapter({ ...config, path, clock, sweepIntervalMs: 0 });
  return {
    adapter,
    advance: async (ms) => clock.advance(ms),
    teardown: () => adapter.close(),
    connect: async (peerConfig) => createSqliteAdapter({ ...peerConfig, path, clock, sweepIntervalMs: 0 }),
  };
});
