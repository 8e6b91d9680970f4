import type { ShortTermConfig } from '@agent-memory/core';
import {
  type AdapterFactory,
  describeConversationWindow,
  describeEventLog,
  describeFindingLog,
  describeLeaseStore,
  describeRecordStore,
} from '@agent-memory/core/testing';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep } from '../test/redis-fixture.js';
import { type RedisCluster, startRedisCluster } from '../test/redis-servers.js';
import { createRedisAdapter } from './index.js';

// The multi-key scripts (lease owner + fence, record + index) only work on a cluster because
// their keys share a {hash tag}; these suites prove it on three masters. The EventBus suite is
// not run here: it expects PUBLISH to count every subscriber, and a cluster node counts only its
// own (delivery itself works, see below).
let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3 });
}, 60_000);
afterAll(() => cluster?.stop());

const open = (config: ShortTermConfig) => createRedisAdapter({ cluster: cluster.startupNodes, ...config });

const factory: AdapterFactory = async (config) => {
  const adapter = open(config);
  return {
    adapter,
    advance: (ms) => sleep(ms),
    connect: async (peerConfig) => open(peerConfig),
    // Keys expire on their own and the cluster is private to this file and stopped after it.
    teardown: () => adapter.close(),
  };
};

describeLeaseStore('redis cluster', factory, { realTime: true });
describeConversationWindow('redis cluster', factory, { realTime: true });
describeFindingLog('redis cluster', factory, { realTime: true });
describeRecordStore('redis cluster', factory, { realTime: true });
describeEventLog('redis cluster', factory, { realTime: true });

describe('redis cluster: pub/sub and status', () => {
  it('delivers published events across nodes', async () => {
    const publisher = createRedisAdapter({ cluster: cluster.startupNodes, namespace: 'bus' });
    const listener = createRedisAdapter({ cluster: cluster.startupNodes, namespace: 'bus' });
    try {
      const got: unknown[] = [];
      await listener.events.subscribe('agent:events', (m) => got.push(m.payload));
      await listener.events.psubscribe('agent:*', (m) => got.push(m.pattern));
      await publisher.events.publish('agent:events', { event: 'agent_joined' });
      await eventually(() => got.length === 2);
      expect(got).toEqual(expect.arrayContaining([{ event: 'agent_joined' }, 'agent:*']));
    } finally {
      await Promise.all([publisher.close(), listener.close()]);
    }
  });

  it('reports cluster mode and counts keys on every master', async () => {
    const adapter = createRedisAdapter({ cluster: cluster.startupNodes, namespace: 'census' });
    try {
      for (let i = 0; i < 12; i++) await adapter.leases.acquire(`task-${i}`, 'agent', 60_000);
      const client = adapter.client as Cluster;
      const sizes = await Promise.all(client.nodes('master').map((node) => node.dbsize()));
      // the census must add up keys that really live on different masters
      expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(1);
      expect(await adapter.countKeys()).toMatchObject({ leases: 12, fences: 12, other: 0 });
      expect(await adapter.serverInfo()).toMatchObject({ mode: 'cluster', version: expect.any(String) });
      expect(await adapter.ping()).toBeGreaterThanOrEqual(0);
    } finally {
      await adapter.close();
    }
  });
});
