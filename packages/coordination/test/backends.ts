import {
  type Clock,
  ManualClock,
  type MemoryError,
  type ShortTermAdapter,
  type ShortTermConfigInput,
} from '@agent-memory/core';
import { createRedisAdapter } from '@agent-memory/redis-adapter';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll } from 'vitest';
import { type Coordinator, type CoordinatorOptions, createCoordinator } from '../src/index.js';
import { sleep } from './eventually.js';

/**
 * One shared store for one test: every adapter it opens sees the same data, like several processes
 * on one Redis (or several local adapters on one in-memory backend).
 */
export interface World {
  readonly kind: 'local' | 'redis';
  readonly namespace: string;
  /** The clock coordinators should use (the ManualClock when the world has one). */
  readonly clock: Clock;
  /** Set on the local backend when asked for: time then moves only through elapse(). */
  readonly manual: ManualClock | undefined;
  /** What coordinators made by coordinator() reported through onError (unless given their own). */
  readonly reported: MemoryError[];
  /** Another client on the same data. */
  adapter(): Promise<ShortTermAdapter>;
  /** A coordinator on a new adapter (one simulated process); closed by dispose(). */
  coordinator(options?: Omit<CoordinatorOptions, 'adapter'>): Promise<Coordinator>;
  /** Lets time pass: advances the ManualClock, or really sleeps. */
  elapse(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface WorldOptions {
  label: string;
  /** Local backend only: drive time with a ManualClock. */
  manualClock?: boolean;
  ttl?: ShortTermConfigInput['ttl'];
  limits?: ShortTermConfigInput['limits'];
}

export interface Backend {
  readonly kind: 'local' | 'redis';
  world(options: WorldOptions): Promise<World>;
}

/**
 * The two backends every coordination test runs on. Call at the top level of a test file: it
 * starts one private redis-server for the file (or uses REDIS_URL) and gives each world its own
 * namespace.
 */
export function testBackends(): Backend[] {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await useTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const local: Backend = {
    kind: 'local',
    async world(options) {
      const { createLocalAdapter, createLocalBackend } = await import('@agent-memory/local-adapter');
      const manual = options.manualClock ? new ManualClock() : undefined;
      const backend = createLocalBackend(manual ? { clock: manual } : {});
      const clock: Clock = manual ?? { now: () => Date.now() };
      return makeWorld('local', `t-${options.label}`, clock, manual, async (namespace) =>
        createLocalAdapter({
          namespace,
          backend,
          ...(options.ttl ? { ttl: options.ttl } : {}),
          ...(options.limits ? { limits: options.limits } : {}),
        }),
      );
    },
  };
  const remote: Backend = {
    kind: 'redis',
    async world(options) {
      if (!redis) throw new Error('redis harness not started');
      const server = redis;
      const namespace = server.namespace(options.label);
      const world = makeWorld('redis', namespace, { now: () => Date.now() }, undefined, async (ns) =>
        createRedisAdapter({
          url: server.url,
          namespace: ns,
          commandTimeoutMs: 5000,
          ...(options.ttl ? { ttl: options.ttl } : {}),
          ...(options.limits ? { limits: options.limits } : {}),
        }),
      );
      const dispose = world.dispose;
      world.dispose = async () => {
        await dispose();
        await server.cleanup(namespace);
      };
      return world;
    },
  };
  return [local, remote];
}

function makeWorld(
  kind: 'local' | 'redis',
  namespace: string,
  clock: Clock,
  manual: ManualClock | undefined,
  open: (namespace: string) => Promise<ShortTermAdapter>,
): World & { dispose(): Promise<void> } {
  const adapters: ShortTermAdapter[] = [];
  const coordinators: Coordinator[] = [];
  const reported: MemoryError[] = [];
  const world = {
    kind,
    namespace,
    clock,
    manual,
    reported,
    async adapter() {
      const adapter = await open(namespace);
      adapters.push(adapter);
      return adapter;
    },
    async coordinator(options: Omit<CoordinatorOptions, 'adapter'> = {}) {
      const coordinator = createCoordinator({
        clock,
        onError: (error: MemoryError) => reported.push(error),
        ...options,
        adapter: await world.adapter(),
      });
      coordinators.push(coordinator);
      return coordinator;
    },
    async elapse(ms: number) {
      if (manual) manual.advance(ms);
      else await sleep(ms);
    },
    async dispose() {
      for (const c of coordinators) await c.close();
      for (const a of adapters) await a.close();
    },
  };
  return world;
}
