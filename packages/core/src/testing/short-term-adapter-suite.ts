import { describe, expect, it } from 'vitest';
import type { ShortTermAdapter } from '../ports/short-term-adapter.js';
import { type BadCall, expectAllRejected, waitFor } from './assertions.js';
import { describeConversationWindow } from './conversation-window-suite.js';
import { describeEventBus } from './event-bus-suite.js';
import { describeEventLog } from './event-log-suite.js';
import { describeFindingLog } from './finding-log-suite.js';
import {
  type AdapterCapability,
  type AdapterFactory,
  createConformanceConfig,
  hasCapability,
  itNeeds,
  requireConnect,
  type SuiteOptions,
  useAdapterHarness,
} from './harness.js';
import { describeLeaseStore } from './lease-store-suite.js';
import { describeRecordStore } from './record-store-suite.js';
import { describeSessionStore } from './session-store-suite.js';
import { describeVectorIndex, type VectorIndexFactory } from './vector-index-suite.js';

/** One valid call of every port method, to check that all of them refuse to run after close(). */
function everyMethod(a: ShortTermAdapter): BadCall[] {
  const noop = () => {};
  const calls: Record<string, () => unknown> = {
    'sessions.start': () => a.sessions.start({ userId: 'u' }),
    'sessions.get': () => a.sessions.get('s'),
    'sessions.update': () => a.sessions.update('s', {}),
    'sessions.touch': () => a.sessions.touch('s'),
    'sessions.ttl': () => a.sessions.ttl('s'),
    'sessions.end': () => a.sessions.end('s'),
    'conversation.append': () => a.conversation.append('u', { role: 'user', content: 'x' }),
    'conversation.appendMany': () => a.conversation.appendMany('u', [{ role: 'user', content: 'x' }]),
    'conversation.recent': () => a.conversation.recent('u'),
    'conversation.length': () => a.conversation.length('u'),
    'conversation.clear': () => a.conversation.clear('u'),
    'leases.acquire': () => a.leases.acquire('t', 'o', 1000),
    'leases.renew': () => a.leases.renew({ resource: 't', owner: 'o' }, 1000),
    'leases.release': () => a.leases.release({ resource: 't', owner: 'o' }),
    'leases.get': () => a.leases.get('t'),
    'findings.append': () =>
      a.findings.append('t', { agentId: 'o', subject: 's', verdict: 'ok', confidence: 1 }),
    'findings.list': () => a.findings.list('t'),
    'findings.count': () => a.findings.count('t'),
    'findings.clear': () => a.findings.clear('t'),
    'events.publish': () => a.events.publish('c', 1),
    'events.subscribe': () => a.events.subscribe('c', noop),
    'events.psubscribe': () => a.events.psubscribe('c:*', noop),
    'log.append': () => a.log.append('s', { n: 1 }),
    'log.range': () => a.log.range('s'),
    'log.length': () => a.log.length('s'),
    'log.createGroup': () => a.log.createGroup('s', 'g', '0'),
    'log.readGroup': () => a.log.readGroup('s', 'g', 'c'),
    'log.ack': () => a.log.ack('s', 'g', ['1-0']),
    'log.pending': () => a.log.pending('s', 'g'),
    'log.claimStale': () => a.log.claimStale('s', 'g', 'c', 0),
    'records.put': () => a.records.put('c', 'r', {}, { ttlMs: 1000 }),
    'records.get': () => a.records.get('c', 'r'),
    'records.list': () => a.records.list('c'),
    'records.delete': () => a.records.delete('c', 'r'),
    'vectors.upsert': () => a.vectors.upsert('c', [{ id: 'v', vector: [1, 0] }], { ttlMs: 1000 }),
    'vectors.search': () => a.vectors.search('c', [1, 0]),
    countKeys: () => a.countKeys(),
    describe: () => a.describe(),
  };
  return Object.entries(calls).map(([label, call]) => ({ label, call, codes: 'CLOSED' }));
}

/** The adapter as a whole: identity and close() (idempotent; every later call is CLOSED). */
export function describeAdapterLifecycle(
  name: string,
  factory: AdapterFactory,
  options: SuiteOptions = {},
): void {
  describe(`${name}: adapter lifecycle`, () => {
    const h = useAdapterHarness(factory, options);

    it('names its kind, namespace and scope', () => {
      expect(h.adapter.kind).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
      expect(h.adapter.namespace).toBe(h.config.namespace);
      expect(['network', 'machine', 'process']).toContain(h.adapter.scope);
    });

    it('describes itself and counts what it holds per kind', async () => {
      const description = await h.adapter.describe();
      expect(typeof description.summary).toBe('string');
      expect(description.summary.length).toBeGreaterThan(0);
      for (const value of Object.values(description.details))
        expect(['string', 'number', 'boolean'].includes(typeof value) || value === null).toBe(true);
      const before = await h.adapter.countKeys();
      expect(before.sessions).toBe(0);
      await h.adapter.sessions.start({ id: 'counted', userId: 'u' });
      await h.adapter.leases.acquire('counted-task', 'a', 10 * h.unit);
      await h.adapter.conversation.append('u', { role: 'user', content: 'hi' });
      const after = await h.adapter.countKeys();
      expect(after.sessions).toBe(1);
      expect(after.leases).toBe(1);
      expect(after.windows).toBe(1);
    });

    it('close() is idempotent and every later call fails with CLOSED', async () => {
      const a = h.adapter;
      await a.close();
      await a.close();
      await expectAllRejected(everyMethod(a));
    });

    itNeeds('crossProcess', options, 'close() stops subscriptions of the closed adapter only', async () => {
      const peer = await h.connect();
      const peerGot: unknown[] = [];
      const closedGot: unknown[] = [];
      await peer.events.subscribe('c', (m) => void peerGot.push(m.payload));
      await h.adapter.events.subscribe('c', (m) => void closedGot.push(m.payload));
      await h.adapter.close();
      expect(await peer.events.publish('c', 'after close')).toBeGreaterThanOrEqual(1);
      await waitFor(() => peerGot.length === 1, 3000, 'delivery to the open adapter');
      expect(peerGot).toEqual(['after close']);
      expect(closedGot).toEqual([]);
    });
  });
}

const CAPABILITIES: readonly AdapterCapability[] = ['crossProcess'];

/** The vector suite run on `adapter.vectors` of the harness the other suites use. */
function vectorFactory(factory: AdapterFactory): VectorIndexFactory {
  return async (config) => {
    const harness = await factory(config);
    const connect = harness.connect;
    return {
      index: harness.adapter.vectors,
      advance: (ms) => harness.advance(ms),
      close: () => harness.adapter.close(),
      teardown: async () => harness.teardown?.(),
      ...(connect
        ? {
            connect: async (peerConfig) => {
              const peer = await connect.call(harness, peerConfig);
              return { index: peer.vectors, close: () => peer.close() };
            },
          }
        : {}),
    };
  };
}

/**
 * Every short-term port's suite (vectors included) plus the adapter lifecycle: what a new backend
 * must pass. Capabilities the backend lacks are declared in `options.capabilities` and listed in
 * the output; anything else missing from the harness fails, it is never skipped.
 */
export function describeShortTermAdapter(
  name: string,
  factory: AdapterFactory,
  options: SuiteOptions = {},
): void {
  const declared = CAPABILITIES.map((c) => `${c}: ${hasCapability(options, c) ? 'yes' : 'declared no'}`);
  describe(`${name}: capabilities (${declared.join(', ')})`, () => {
    it('the harness provides what every assumed capability needs', async () => {
      if (!hasCapability(options, 'crossProcess')) return;
      const config = createConformanceConfig(options);
      const harness = await factory(config);
      try {
        requireConnect(harness.connect);
      } finally {
        await harness.teardown?.();
      }
    });
  });
  describeSessionStore(name, factory, options);
  describeConversationWindow(name, factory, options);
  describeLeaseStore(name, factory, options);
  describeFindingLog(name, factory, options);
  describeEventBus(name, factory, options);
  describeEventLog(name, factory, options);
  describeRecordStore(name, factory, options);
  describeVectorIndex(name, vectorFactory(factory), options);
  describeAdapterLifecycle(name, factory, options);
}
