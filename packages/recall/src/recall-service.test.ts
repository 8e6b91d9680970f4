import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type ConversationWindow,
  type Embedder,
  ManualClock,
  MemoryError,
  type ShortTermConfig,
  type VectorIndex,
} from '@agent-memory/core';
import { createConformanceConfig, expectMemoryError, sleep } from '@agent-memory/core/testing';
import { createGitPatternStore, type GitPatternStore } from '@agent-memory/git-patterns';
import { createLocalAdapter, createLocalBackend } from '@agent-memory/local-adapter';
import { createRedisAdapter } from '@agent-memory/redis-adapter';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversationCollection, patternCollection } from './collection-names.js';
import { createLocalEmbedder } from './local-embedder.js';
import type { MessageRecallHit, PatternRecallHit } from './recall-options.js';
import { createRecall, type RecallDependencies } from './recall-service.js';

interface Backend {
  conversation: ConversationWindow;
  vectors: VectorIndex;
}

interface BackendHarness {
  main: Backend;
  /** Another adapter on the same backend: a second process. */
  peer(): Promise<Backend>;
  advance(ms: number): Promise<void>;
  config: ShortTermConfig;
  close(): Promise<void>;
}

/** Counts the documents it embeds (queries are not counted), to show what re-indexing costs. */
function countingEmbedder(inner: Embedder = createLocalEmbedder()): Embedder & { documents: number } {
  const counting = {
    id: inner.id,
    dimensions: inner.dimensions,
    semantic: inner.semantic,
    documents: 0,
    async embed(texts: readonly string[], options?: { purpose?: 'query' | 'document' }) {
      if (options?.purpose !== 'query') counting.documents += texts.length;
      return inner.embed(texts, options);
    },
  };
  return counting;
}

const MESSAGES = [
  { role: 'user' as const, content: 'The login page takes six seconds to respond', sessionId: 's1' },
  {
    role: 'assistant' as const,
    content: 'Password hashing uses bcrypt cost 14, which is too slow',
    sessionId: 's1',
  },
  {
    role: 'user' as const,
    content: 'Kafka retention is unlimited and the broker disks fill up',
    sessionId: 's2',
  },
  {
    role: 'assistant' as const,
    content: 'Set retention.ms to seven days on the clickstream topic',
    sessionId: 's2',
    meta: { tags: ['kafka', 'storage'] },
  },
];

function describeRecall(name: string, open: () => Promise<BackendHarness>): void {
  describe(`recall on ${name}`, () => {
    let h: BackendHarness;
    const dirs: string[] = [];
    const stores: GitPatternStore[] = [];

    beforeEach(async () => {
      h = await open();
    });
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      await h.close();
    });

    const make = (deps: Partial<RecallDependencies> = {}, backend: Backend = h.main) =>
      createRecall({
        embedder: createLocalEmbedder(),
        vectors: backend.vectors,
        conversation: backend.conversation,
        windowLength: h.config.limits.windowLength,
        windowTtlMs: h.config.ttl.windowMs,
        patternSyncIntervalMs: 0,
        ...deps,
      });

    const openPatterns = async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'recall-test-'));
      dirs.push(dir);
      const store = await createGitPatternStore({ repo: dir, init: true, pii: 'allow' });
      stores.push(store);
      return store;
    };

    it('finds a message by meaning and returns it with its ranks', async () => {
      await h.main.conversation.appendMany('alice', MESSAGES);
      // "sign-in is sluggish" shares no word with either message about slow logins
      const hits = (await make().recall('sign-in is sluggish', {
        scope: 'conversation',
        userId: 'alice',
      })) as MessageRecallHit[];
      const slowLogin = [MESSAGES[0]!.content, MESSAGES[1]!.content];
      expect(
        hits
          .slice(0, 2)
          .map((hit) => hit.message.content)
          .sort(),
      ).toEqual(slowLogin.sort());
      const login = hits.find((hit) => hit.message.content === MESSAGES[0]!.content)!;
      expect(login).toMatchObject({
        source: 'message',
        userId: 'alice',
        message: { role: 'user', content: MESSAGES[0]!.content, sessionId: 's1' },
      });
      expect(login.messageId).toMatch(/^[0-9a-f]{20}$/);
      expect(login.key).toBe(`message:alice:${login.messageId}`);
      expect(login.ranks.vector).toBeLessThanOrEqual(2);
      expect(login.ranks.similarity).toBeGreaterThan(0);
      expect(hits[0]!.score).toBeGreaterThan(hits.at(-1)!.score);
      // full-text alone has no shared word to go on, unless the word vectors expand the query:
      // "sluggish" brings "slow"
      const textOnly = { scope: 'conversation', userId: 'alice', mode: 'text' } as const;
      expect(await make({ queryExpansion: null }).recall('sign-in is sluggish', textOnly)).toEqual([]);
      expect(
        ((await make().recall('sign-in is sluggish', textOnly)) as MessageRecallHit[]).map(
          (m) => m.message.content,
        ),
      ).toEqual([MESSAGES[1]!.content]);
      expect(await make().recall('kafka', { scope: 'conversation', userId: 'bob' })).toEqual([]);
    });

    it('filters messages by role, session, tags and time; a pattern kind rules messages out', async () => {
      await h.main.conversation.appendMany('alice', MESSAGES);
      const recall = make();
      const contents = async (filters: object, mode: 'hybrid' | 'text' | 'vector' = 'hybrid') =>
        (
          (await recall.recall('kafka retention disks login', {
            scope: 'conversation',
            userId: 'alice',
            mode,
            filters,
          })) as MessageRecallHit[]
        ).map((m) => m.message.content);
      for (const mode of ['hybrid', 'text', 'vector'] as const) {
        expect(await contents({ role: 'assistant' }, mode), mode).toEqual(
          expect.not.arrayContaining([MESSAGES[0]!.content, MESSAGES[2]!.content]),
        );
        expect(
          (await contents({ sessionId: 's2' }, mode)).every(
            (c) => c.includes('etention') || c.includes('Kafka'),
          ),
        ).toBe(true);
        expect(await contents({ tags: ['storage'] }, mode)).toEqual([MESSAGES[3]!.content]);
        expect(await contents({ since: Date.now() + 3600_000 }, mode)).toEqual([]);
        expect(await contents({ kind: 'bug-fix' }, mode)).toEqual([]);
      }
      expect(
        (await contents({ until: new Date(Date.now() + 3600_000).toISOString() })).length,
      ).toBeGreaterThan(0);
    });

    it('embeds only what is new, removes what left the window, and shares vectors between processes', async () => {
      const embedder = countingEmbedder();
      const recall = make({ embedder });
      await h.main.conversation.appendMany('alice', MESSAGES);
      await recall.recall('disk', { scope: 'conversation', userId: 'alice' });
      expect(embedder.documents).toBe(4);
      await recall.recall('login', { scope: 'conversation', userId: 'alice' });
      expect(embedder.documents).toBe(4);
      await h.main.conversation.append('alice', { role: 'user', content: 'Thanks, the disks are fine now' });
      await recall.indexConversation('alice');
      expect(embedder.documents).toBe(5);
      // the window holds 5 (conformance limits): the oldest message fell out, and its vector with it
      await h.main.conversation.append('alice', { role: 'user', content: 'One more message' });
      const collection = conversationCollection(embedder.id, 'alice');
      await recall.indexConversation('alice');
      expect(await h.main.vectors.count(collection)).toBe(h.config.limits.windowLength);
      const hits = (await recall.recall('login page six seconds', {
        scope: 'conversation',
        userId: 'alice',
      })) as MessageRecallHit[];
      expect(hits.map((m) => m.message.content)).not.toContain(MESSAGES[0]!.content);

      // a second process finds the vectors in place and embeds nothing but its queries
      const other = countingEmbedder();
      const peer = make({ embedder: other }, await h.peer());
      const found = (await peer.recall('bcrypt', {
        scope: 'conversation',
        userId: 'alice',
      })) as MessageRecallHit[];
      expect(found[0]?.message.content).toBe(MESSAGES[1]!.content);
      expect(other.documents).toBe(0);
    });

    it('lets conversation vectors expire with the window', async () => {
      const embedder = createLocalEmbedder();
      const recall = make({ embedder });
      await h.main.conversation.appendMany('alice', MESSAGES);
      await recall.indexConversation('alice');
      const collection = conversationCollection(embedder.id, 'alice');
      expect(await h.main.vectors.count(collection)).toBe(4);
      await h.advance(h.config.ttl.windowMs + h.config.ttl.windowMs / 2);
      expect(await h.main.conversation.length('alice')).toBe(0);
      expect(await h.main.vectors.count(collection)).toBe(0);
      expect(await recall.recall('kafka', { scope: 'conversation', userId: 'alice' })).toEqual([]);
    });

    it('recalls patterns by meaning and follows saves, edits, supersedes and removals', async () => {
      const store = await openPatterns();
      const embedder = countingEmbedder();
      const recall = make({ embedder, patterns: store });
      await store.saveMany([
        {
          id: 'bcrypt-cost',
          kind: 'bug-fix',
          title: 'Login latency from bcrypt cost factor 14',
          summary: 'Hashing took 900 ms per sign-in; lowered the cost to 12.',
          tags: ['auth', 'performance'],
          author: 'a1',
        },
        {
          id: 'kafka-retention',
          kind: 'tech-debt',
          title: 'Unlimited retention on the clickstream topic',
          summary: 'Broker disks fill up; set retention to seven days.',
          tags: ['kafka'],
          author: 'a1',
        },
        {
          id: 'ts-strict',
          kind: 'convention',
          title: 'TypeScript strict mode everywhere',
          summary: 'No any, noUncheckedIndexedAccess on.',
          tags: ['typescript'],
          author: 'a1',
        },
      ]);
      const top = async (query: string, options: Parameters<typeof recall.recall>[1] = {}) =>
        ((await recall.recall(query, { scope: 'patterns', ...options })) as PatternRecallHit[]).map(
          (p) => p.pattern.id,
        );

      expect((await top('authentication is sluggish'))[0]).toBe('bcrypt-cost');
      expect(embedder.documents).toBe(3);
      expect(await top('authentication is sluggish', { mode: 'text' })).toEqual([]);
      expect((await top('kafka', { mode: 'text' }))[0]).toBe('kafka-retention');
      expect(await top('kafka retention login typescript', { filters: { kind: 'convention' } })).toEqual([
        'ts-strict',
      ]);
      expect(
        await top('kafka retention login typescript', { filters: { tags: ['auth', 'performance'] } }),
      ).toEqual(['bcrypt-cost']);
      expect(await top('kafka retention login', { filters: { role: 'user' } })).toEqual([]);
      const hit = (
        await recall.recall('authentication is sluggish', { scope: 'patterns' })
      )[0] as PatternRecallHit;
      expect(hit).toMatchObject({
        source: 'pattern',
        key: 'pattern:bcrypt-cost',
        pattern: { kind: 'bug-fix' },
      });

      // an edit re-embeds that pattern only; a superseding pattern hides the old one; a removal drops it
      await store.save({
        ...(await store.get('ts-strict'))!,
        title: 'Strict compiler settings for every package',
      });
      await store.save({
        id: 'bcrypt-v2',
        kind: 'bug-fix',
        title: 'Login latency: password hashing moved to a worker pool',
        summary: 'Supersedes the cost change.',
        supersedes: ['bcrypt-cost'],
        author: 'a1',
      });
      await store.remove('kafka-retention');
      await recall.refreshPatterns();
      expect(embedder.documents).toBe(5);
      expect(await top('authentication is sluggish')).not.toContain('bcrypt-cost');
      expect((await top('authentication is sluggish'))[0]).toBe('bcrypt-v2');
      expect(await top('kafka broker disks clickstream')).not.toContain('kafka-retention');
      expect(await h.main.vectors.count(patternCollection(embedder.id))).toBe(3);

      // scope 'all' fuses patterns and the user's messages
      await h.main.conversation.appendMany('alice', MESSAGES);
      const all = await recall.recall('login slow bcrypt', { userId: 'alice' });
      expect(new Set(all.map((x) => x.source))).toEqual(new Set(['pattern', 'message']));
      expect((await recall.recall('login slow bcrypt')).every((x) => x.source === 'pattern')).toBe(true);
    });

    it('validates its input and reports failures as MemoryError', async () => {
      const recall = make();
      await expectMemoryError('blank query', () => recall.recall('  '), 'INVALID_INPUT');
      await expectMemoryError('query not a string', () => recall.recall(5 as never), 'INVALID_INPUT');
      await expectMemoryError('k = 0', () => recall.recall('x', { k: 0 }), 'INVALID_INPUT');
      await expectMemoryError(
        'unknown option',
        () => recall.recall('x', { nope: 1 } as never),
        'INVALID_INPUT',
      );
      await expectMemoryError('bad user id', () => recall.recall('x', { userId: 'a b' }), 'INVALID_INPUT');
      await expectMemoryError(
        'bad kind',
        () => recall.recall('x', { filters: { kind: 'nope' as never } }),
        'INVALID_INPUT',
      );
      await expectMemoryError(
        'conversation without user',
        () => recall.recall('x', { scope: 'conversation' }),
        'INVALID_INPUT',
      );
      await expectMemoryError('patterns off', () => recall.recall('x', { scope: 'patterns' }), 'NOT_FOUND');
      expect(await recall.recall('x', { scope: 'all' })).toEqual([]);
      const failing: Embedder = {
        id: 'failing:1',
        dimensions: 4,
        semantic: true,
        embed: async () => {
          throw new MemoryError('BACKEND_UNAVAILABLE', 'embedding endpoint is down');
        },
      };
      await h.main.conversation.append('alice', { role: 'user', content: 'hello' });
      await expectMemoryError(
        'embedder down',
        () => make({ embedder: failing }).recall('hello', { scope: 'conversation', userId: 'alice' }),
        'BACKEND_UNAVAILABLE',
      );
    });
  });
}

describeRecall('the local adapter', async () => {
  const clock = new ManualClock(Date.now());
  const backend = createLocalBackend({ clock });
  const config = createConformanceConfig();
  const main = createLocalAdapter({ ...config, backend, sweepIntervalMs: 0 });
  const peers = [main];
  return {
    main,
    config,
    async peer() {
      const peer = createLocalAdapter({ ...config, backend, sweepIntervalMs: 0 });
      peers.push(peer);
      return peer;
    },
    advance: async (ms) => clock.advance(ms),
    close: async () => {
      await Promise.all(peers.map((p) => p.close()));
    },
  };
});

let redis: TestRedis;
beforeAll(async () => {
  redis = await useTestRedis();
});
afterAll(() => redis.stop());

describeRecall('Redis', async () => {
  const config = createConformanceConfig({ realTime: true });
  const open = () => createRedisAdapter({ url: redis.url, ...config });
  const main = open();
  const peers = [main];
  return {
    main,
    config,
    async peer() {
      const peer = open();
      peers.push(peer);
      return peer;
    },
    advance: (ms) => sleep(ms),
    close: async () => {
      await Promise.all(peers.map((p) => p.close()));
      await redis.cleanup(config.namespace);
    },
  };
});
