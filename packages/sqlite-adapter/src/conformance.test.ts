import { ManualClock } from '@agent-memory/core';
import { describeShortTermAdapter, describeVectorIndex } from '@agent-memory/core/testing';
import { useTempDir } from '../test/temp-dir.js';
import { createSqliteAdapter } from './index.js';

// The conformance suites on a ManualClock (TTLs exact, no sleeping), each test on its own file.
// `connect` opens a second adapter on the same file: a second connection, exactly what another
// process opens, so every "shared by adapters on one namespace" test runs (none is skipped).
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

describeVectorIndex('sqlite', async (config) => {
  const clock = new ManualClock();
  const path = temp.file();
  const adapter = createSqliteAdapter({ ...config, path, clock, sweepIntervalMs: 0 });
  return {
    index: adapter.vectors,
    advance: async (ms) => clock.advance(ms),
    close: () => adapter.close(),
    teardown: () => adapter.close(),
    connect: async (peerConfig) => {
      const peer = createSqliteAdapter({ ...peerConfig, path, clock, sweepIntervalMs: 0 });
      return { index: peer.vectors, close: () => peer.close() };
    },
  };
});
