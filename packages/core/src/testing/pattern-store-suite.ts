import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatternStore } from '../ports/pattern-store.js';
import { PatternIdSchema, type PatternInput } from '../schemas/pattern.js';
import { type BadCall, expectAllRejected, isTimestamp, show, sleep } from './assertions.js';
import type { PatternStoreHarness } from './harness.js';

const input = (title: string, extra: Partial<PatternInput> = {}): PatternInput => ({
  kind: 'bug-fix',
  title,
  author: 'agent-a',
  ...extra,
});

/**
 * PatternStore (long-term knowledge): save / get / list filters / search ranking / superseded
 * patterns / history / remove / saveMany / validation. Each test gets a fresh store.
 */
export function describePatternStore(name: string, factory: () => Promise<PatternStoreHarness>): void {
  describe(`${name}: PatternStore`, () => {
    let harness: PatternStoreHarness | undefined;
    beforeEach(async () => {
      harness = await factory();
    });
    afterEach(async () => {
      const done = harness;
      harness = undefined;
      await done?.teardown?.();
    });
    const store = (): PatternStore => {
      if (!harness) throw new Error('pattern store suite: no harness outside a test');
      return harness.store;
    };

    it('saves a pattern with a generated id, timestamps and defaults', async () => {
      const saved = await store().save(input('Null check before parsing config'));
      expect(PatternIdSchema.safeParse(saved.id).success).toBe(true);
      expect(isTimestamp(saved.created)).toBe(true);
      expect(isTimestamp(saved.updated)).toBe(true);
      expect(saved).toMatchObject({
        kind: 'bug-fix',
        title: 'Null check before parsing config',
        author: 'agent-a',
        summary: '',
        body: '',
        tags: [],
        files: [],
        supersedes: [],
        links: [],
      });
      expect(await store().get(saved.id)).toEqual(saved);
      expect(await store().get('no-such-pattern')).toBeNull();
    });

    it('keeps every field it was given', async () => {
      const full = input('Use fencing tokens for task writes', {
        id: 'fencing-tokens',
        kind: 'architecture-decision',
        summary: 'Writes carry the lease token.',
        body: '# Why\n\nA lapsed holder must not write.\n',
        tags: ['leases', 'redis'],
        files: ['packages/coordination/src/claims.ts'],
        confidence: 0.9,
        links: ['https://example.com/adr/7'],
      });
      const saved = await store().save(full);
      expect(saved).toMatchObject({ ...full });
      expect(await store().get('fencing-tokens')).toEqual(saved);
    });

    it('an update keeps created and moves updated forward', async () => {
      const first = await store().save(input('Retry on BUSY', { id: 'retry-busy' }));
      // second-resolution timestamps (git dates) must still move: wait past the next second
      await sleep(1100);
      const second = await store().save(input('Retry on BUSY with backoff', { id: 'retry-busy' }));
      expect(second.created).toBe(first.created);
      expect(Date.parse(second.updated)).toBeGreaterThan(Date.parse(first.updated));
      expect(await store().get('retry-busy')).toMatchObject({
        title: 'Retry on BUSY with backoff',
        created: first.created,
      });
      expect(await store().list()).toHaveLength(1);
    });

    it('lists with filters on kind, tag, file and author', async () => {
      await store().saveMany([
        input('One', { id: 'one', kind: 'bug-fix', tags: ['redis'], files: ['src/a.ts'], author: 'alice' }),
        input('Two', { id: 'two', kind: 'tech-debt', tags: ['git'], files: ['src/b.ts'], author: 'bob' }),
        input('Three', {
          id: 'three',
          kind: 'bug-fix',
          tags: ['git', 'redis'],
          files: ['src/b.ts'],
          author: 'bob',
        }),
      ]);
      const ids = async (filter?: Parameters<PatternStore['list']>[0]) =>
        (await store().list(filter)).map((p) => p.id).sort();
      expect(await ids()).toEqual(['one', 'three', 'two']);
      expect(await ids({ kind: 'bug-fix' })).toEqual(['one', 'three']);
      expect(await ids({ tag: 'git' })).toEqual(['three', 'two']);
      expect(await ids({ file: 'src/a.ts' })).toEqual(['one']);
      expect(await ids({ author: 'bob' })).toEqual(['three', 'two']);
      expect(await ids({ kind: 'bug-fix', author: 'bob' })).toEqual(['three']);
      expect(await ids({ kind: 'convention' })).toEqual([]);
    });

    it('search finds by title and body words and ranks the better match first', async () => {
      await store().saveMany([
        input('Redis connection pool exhaustion', {
          id: 'pool',
          body: 'The connection pool ran dry under load; cap the pool and queue connection requests.',
        }),
        input('Logging conventions', {
          id: 'logging',
          kind: 'convention',
          body: 'One line mentions a connection.',
        }),
        input('Unrelated', { id: 'other', body: 'Nothing to see here.' }),
      ]);
      const hits = await store().search('connection pool');
      expect(hits.map((h) => h.pattern.id)).toContain('pool');
      expect(hits[0]!.pattern.id).toBe('pool');
      expect(hits.map((h) => h.pattern.id)).not.toContain('other');
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      expect((await store().search('dry')).map((h) => h.pattern.id)).toEqual(['pool']);
      expect(await store().search('zebra')).toEqual([]);
    });

    it('hides superseded patterns unless includeSuperseded', async () => {
      await store().save(input('Old way to retry', { id: 'old-retry', body: 'retry forever' }));
      await store().save(
        input('New way to retry', { id: 'new-retry', body: 'retry with backoff', supersedes: ['old-retry'] }),
      );
      expect((await store().list()).map((p) => p.id)).toEqual(['new-retry']);
      expect((await store().list({ includeSuperseded: true })).map((p) => p.id).sort()).toEqual([
        'new-retry',
        'old-retry',
      ]);
      expect((await store().search('retry')).map((h) => h.pattern.id)).toEqual(['new-retry']);
      const all = await store().search('retry', { includeSuperseded: true });
      expect(all.map((h) => h.pattern.id).sort()).toEqual(['new-retry', 'old-retry']);
      expect(await store().get('old-retry')).not.toBeNull();
    });

    it('history lists versions newest first and grows with every save', async () => {
      await store().save(input('Versioned', { id: 'versioned' }));
      const one = await store().history('versioned');
      expect(one.length).toBeGreaterThanOrEqual(1);
      await store().save(input('Versioned, take two', { id: 'versioned' }), {
        agentId: 'agent-b',
        message: 'second take',
      });
      const two = await store().history('versioned');
      expect(two).toHaveLength(one.length + 1);
      expect(two[1]).toEqual(one[0]);
      expect(two[0]!.commit).not.toBe(one[0]!.commit);
      for (const v of two) expect(typeof v.commit === 'string' && v.commit.length > 0).toBe(true);
      for (let i = 1; i < two.length; i++)
        expect(Date.parse(two[i]!.date)).toBeLessThanOrEqual(Date.parse(two[i - 1]!.date));
      expect(await store().history('never-saved')).toEqual([]);
    });

    it('removes a pattern; removing again is false', async () => {
      await store().save(input('Short lived', { id: 'short-lived' }));
      expect(await store().remove('short-lived')).toBe(true);
      expect(await store().get('short-lived')).toBeNull();
      expect(await store().list()).toEqual([]);
      expect(await store().remove('short-lived')).toBe(false);
    });

    it('saveMany saves every pattern and returns them in order', async () => {
      const saved = await store().saveMany([
        input('First', { id: 'first' }),
        input('Second'),
        input('Third', { id: 'third' }),
      ]);
      expect(saved.map((p) => p.title)).toEqual(['First', 'Second', 'Third']);
      for (const p of saved) expect(await store().get(p.id)).toEqual(p);
      expect(await store().list()).toHaveLength(3);
    });

    it('refuses bad input with INVALID_INPUT and changes nothing', async () => {
      const s = store();
      await s.save(input('Kept', { id: 'kept' }));
      const before = await s.list({ includeSuperseded: true });
      const badInputs: unknown[] = [
        null,
        'pattern',
        {},
        { kind: 'bug-fix', author: 'a' },
        input(''),
        input('Bad kind', { kind: 'gossip' as never }),
        input('Bad id', { id: 'Has Spaces' }),
        input('Bad id', { id: '../escape' }),
        input('Bad id', { id: 'x'.repeat(200) }),
        input('Bad author', { author: 'a b' }),
        input('Bad confidence', { confidence: Number.NaN }),
        input('Bad confidence', { confidence: 2 }),
        input('Bad tags', { tags: 'one' as never }),
        input('Bad supersedes', { supersedes: ['Not An Id'] }),
        { ...input('Unknown key'), color: 'red' },
      ];
      const badIds: unknown[] = ['', 'Has Spaces', '../escape', 'a/b', 'x'.repeat(200), 42, null];
      const calls: BadCall[] = [
        ...badInputs.map((i) => ({ label: `save(${show(i)})`, call: () => s.save(i as never) })),
        ...badInputs.map((i) => ({
          label: `saveMany([ok, ${show(i)}])`,
          call: () => s.saveMany([input('Ok', { id: 'ok' }), i as never]),
        })),
        { label: 'saveMany("x")', call: () => s.saveMany('x' as never) },
        ...badIds.map((id) => ({ label: `get(${show(id)})`, call: () => s.get(id as never) })),
        ...badIds.map((id) => ({ label: `history(${show(id)})`, call: () => s.history(id as never) })),
        ...badIds.map((id) => ({ label: `remove(${show(id)})`, call: () => s.remove(id as never) })),
        ...[{ kind: 'gossip' }, { limit: 0 }, { limit: -1 }, { since: 'yesterday' }, { unknown: 1 }, 'x'].map(
          (f) => ({
            label: `list(${show(f)})`,
            call: () => s.list(f as never),
          }),
        ),
        { label: 'search(42)', call: () => s.search(42 as never) },
        { label: 'search(null)', call: () => s.search(null as never) },
        ...[{ limit: 0 }, { kind: 'gossip' }, { unknown: true }].map((o) => ({
          label: `search(x, ${show(o)})`,
          call: () => s.search('x', o as never),
        })),
      ];
      await expectAllRejected(calls);
      expect(await s.list({ includeSuperseded: true })).toEqual(before);
      expect(await s.get('ok')).toBeNull();
    });
  });
}
