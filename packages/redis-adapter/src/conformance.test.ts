import type { ShortTermConfig } from '@agent-memory/core';
import { describeShortTermAdapter } from '@agent-memory/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { sleep } from '../test/redis-fixture.js';
import { type TestRedis, useTestRedis } from '../test/redis-servers.js';
import { createRedisAdapter } from './index.js';

// One private redis-server for the whole file; every test gets a fresh namespace from the suite.
let redis: TestRedis;
beforeAll(async () => {
  redis = await useTestRedis();
});
afterAll(() => redis.stop());

const open = (config: ShortTermConfig) => createRedisAdapter({ url: redis.url, ...config });

describeShortTermAdapter(
  'redis',
  async (config) => {
    const adapter = open(config);
    return {
      adapter,
      advance: (ms) => sleep(ms),
      connect: async (peerConfig) => open(peerConfig),
      async teardown() {
        await adapter.close();
        await redis.cleanup(config.namespace);
        await redis.cleanup(`${config.namespace}-other`);
      },
    };
  },
  { realTime: true },
);
