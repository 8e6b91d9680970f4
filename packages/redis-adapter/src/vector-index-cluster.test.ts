import type { ShortTermConfig } from '@agent-memory/core';
import { describeVectorIndex } from '@agent-memory/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { sleep } from '../test/redis-fixture.js';
import { type RedisCluster, startRedisCluster } from '../test/redis-servers.js';
import { createRedisAdapter } from './index.js';

// A collection's four keys share the {collection} hash tag, so each vector script runs on one node
// of a cluster; the whole suite on three masters proves it.
let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3 });
}, 60_000);
afterAll(() => cluster?.stop());

const open = (config: ShortTermConfig) => createRedisAdapter({ cluster: cluster.startupNodes, ...config });

describeVectorIndex(
  'redis cluster',
  async (config) => {
    const adapter = open(config);
    return {
      index: adapter.vectors,
      advance: (ms) => sleep(ms),
      close: () => adapter.close(),
      connect: async (peerConfig) => {
        const peer = open(peerConfig);
        return { index: peer.vectors, close: () => peer.close() };
      },
      // Keys expire on their own and the cluster is private to this file and stopped after it.
      teardown: () => adapter.close(),
    };
  },
  { realTime: true },
);
