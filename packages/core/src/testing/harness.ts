import { afterEach, beforeEach, it } from 'vitest';
import type { PatternStore } from '../ports/pattern-store.js';
import type { ShortTermAdapter } from '../ports/short-term-adapter.js';
import { type ShortTermConfig, ShortTermConfigSchema } from '../schemas/config.js';

export interface AdapterHarness {
  adapter: ShortTermAdapter;
  /** Move time forward by ms: advance a ManualClock locally; really sleep on Redis. */
  advance(ms: number): Promise<void>;
  /** Called after each test (close connections, delete the namespace). Must tolerate a closed adapter. */
  teardown?(): Promise<void>;
  /**
   * Opens another adapter on the same backend (what a second process would open), with this config.
   * The suites use it to check that one namespace is shared and two are isolated, and close what it
   * returns themselves. Required unless the suite options declare `capabilities.crossProcess: false`;
   * a harness that leaves it out without declaring so fails those tests, saying what to add.
   */
  connect?(config: ShortTermConfig): Promise<ShortTermAdapter>;
}

/** Called in beforeEach with a fresh config (unique namespace, short TTLs, small limits). */
export type AdapterFactory = (config: ShortTermConfig) => Promise<AdapterHarness>;

/**
 * What a backend can do beyond the ports' contracts. Every capability is assumed (true) unless the
 * suite options declare it false; the tests that need a declared-missing capability are reported as
 * skipped with the capability in their name, and no other test is ever skipped.
 */
export interface AdapterCapabilities {
  /**
   * A second adapter opened on the same backend (another process) shares one namespace and is
   * isolated from another: the harness must provide `connect()`.
   */
  crossProcess: boolean;
}

export type AdapterCapability = keyof AdapterCapabilities;

export interface SuiteOptions {
  /** true on real-time backends: the suite keeps TTLs >= 100 ms and sleeps. */
  realTime?: boolean;
  /** Capabilities the backend lacks, declared (`{ crossProcess: false }`); all assumed otherwise. */
  capabilities?: Partial<AdapterCapabilities>;
}

/** Whether the options declare `capability` (everything is assumed unless declared false). */
export function hasCapability(options: SuiteOptions, capability: AdapterCapability): boolean {
  return options.capabilities?.[capability] !== false;
}

/**
 * A test that needs `capability`: registered normally, or as skipped with `[declared: no <capability>]`
 * in its name when the options declare the backend lacks it, so a partial run is visible in the
 * output and never an accident.
 */
export function itNeeds(
  capability: AdapterCapability,
  options: SuiteOptions,
  name: string,
  fn: () => Promise<void>,
): void {
  if (hasCapability(options, capability)) it(name, fn);
  else it.skip(`${name} [declared: no ${capability}]`, fn);
}

/** The harness's connect(), or a failure that says what to add (or declare). */
export function requireConnect<T>(connect: T | undefined): T {
  if (connect) return connect;
  throw new Error(
    'conformance suite: this test needs a second adapter on the same backend, but the harness has no ' +
      'connect(config). Add connect() that opens another adapter on the same server or file (what a ' +
      'second process would open), or declare the backend cannot: { capabilities: { crossProcess: false } }.',
  );
}

export interface PatternStoreHarness {
  store: PatternStore;
  teardown?(): Promise<void>;
}

/**
 * The suites' unit of time. Every TTL is a small multiple of it and every expiry check leaves a
 * margin of at least one unit, so on a real-time backend (200 ms) scheduling jitter never decides a
 * result; with a manual clock the size does not matter.
 */
export function timeUnit(options: SuiteOptions = {}): number {
  return options.realTime ? 200 : 1000;
}

/** Limits small enough that the suites reach every bound cheaply. */
export const CONFORMANCE_LIMITS = {
  maxValueBytes: 16 * 1024,
  windowLength: 5,
  eventLogMaxLength: 20,
  findingsPerTask: 8,
} as const;

/**
 * A fresh config for one test: namespace `conf-<random hex>`, TTLs of a few time units
 * (sessions, windows, findings and leases 3 units, event logs 6), the small limits above.
 */
export function createConformanceConfig(options: SuiteOptions = {}): ShortTermConfig {
  const u = timeUnit(options);
  return ShortTermConfigSchema.parse({
    namespace: `conf-${randomHex(6)}`,
    ttl: {
      sessionMs: 3 * u,
      windowMs: 3 * u,
      findingsMs: 3 * u,
      leaseMs: 3 * u,
      eventLogMs: 6 * u,
      fenceMs: 30 * 24 * 3600_000,
    },
    limits: { ...CONFORMANCE_LIMITS },
  });
}

function randomHex(bytes: number): string {
  const byte = () => Math.floor(Math.random() * 256);
  return Array.from({ length: bytes }, () => byte().toString(16).padStart(2, '0')).join('');
}

/** What a suite's tests see: the adapter of the current test and helpers around the harness. */
export interface SuiteContext {
  readonly adapter: ShortTermAdapter;
  readonly config: ShortTermConfig;
  /** The time unit of this run (see timeUnit). */
  readonly unit: number;
  advance(ms: number): Promise<void>;
  /** A second adapter on the same backend, same namespace unless one is given; closed after the test. */
  connect(namespace?: string): Promise<ShortTermAdapter>;
}

/** Registers beforeEach/afterEach that build and tear down one harness per test. */
export function useAdapterHarness(factory: AdapterFactory, options: SuiteOptions = {}): SuiteContext {
  let harness: AdapterHarness | undefined;
  let config: ShortTermConfig | undefined;
  let peers: ShortTermAdapter[] = [];

  beforeEach(async () => {
    config = createConformanceConfig(options);
    harness = await factory(config);
  });

  afterEach(async () => {
    const closing = peers;
    peers = [];
    await Promise.allSettled(closing.map((peer) => peer.close()));
    const done = harness;
    harness = undefined;
    await done?.teardown?.();
  });

  const current = (): AdapterHarness => {
    if (!harness) throw new Error('conformance suite: no harness outside a test');
    return harness;
  };

  const ctx: SuiteContext = {
    get adapter() {
      return current().adapter;
    },
    get config() {
      if (!config) throw new Error('conformance suite: no config outside a test');
      return config;
    },
    unit: timeUnit(options),
    advance: (ms) => current().advance(ms),
    async connect(namespace) {
      const h = current();
      const peer = await requireConnect(h.connect).call(h, {
        ...ctx.config,
        namespace: namespace ?? ctx.config.namespace,
      });
      peers.push(peer);
      return peer;
    },
  };
  return ctx;
}
