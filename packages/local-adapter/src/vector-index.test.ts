import { ManualClock } from '@agent-memory/core';
import { describeVectorIndex } from '@agent-memory/core/testing';
import { createLocalAdapter, createLocalBackend } from './index.js';

// The conformance suite on a ManualClock; `connect` opens a second adapter on the same backend.
describeVectorIndex('local', async (config) => {
  const clock = new ManualClock();
  const backend = createLocalBackend({ clock });
  const adapter = createLocalAdapter({ ...config, backend, sweepIntervalMs: 0 });
  return {
    index: adapter.vectors,
    advance: async (ms) => clock.advance(ms),
    close: () => adapter.close(),
    teardown: () => adapter.close(),
    connect: async (peerConfig) => {
      const peer = createLocalAdapter({ ...peerConfig, backend, sweepIntervalMs: 0 });
      return { index: peer.vectors, close: () => peer.close() };
    },
  };
});
