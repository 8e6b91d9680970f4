import { describeShortTermAdapter, sleep } from '@agent-memory/core/testing';
import { useTempDir } from '../test/temp-dir.js';
import { createSqliteAdapter } from './index.js';

// The same suites on the system clock, as production runs: TTLs really elapse (the suite sleeps),
// the sweep timer runs, and the peer is a second connection on the file.
const temp = useTempDir('conformance-rt');

describeShortTermAdapter(
  'sqlite (real time)',
  async (config) => {
    const path = temp.file();
    const adapter = createSqliteAdapter({ ...config, path, sweepIntervalMs: 50 });
    return {
      adapter,
      advance: (ms) => sleep(ms),
      teardown: () => adapter.close(),
      connect: async (peerConfig) => createSqliteAdapter({ ...peerConfig, path, sweepIntervalMs: 50 }),
    };
  },
  { realTime: true },
);
