import { describe, expect, it } from 'vitest';
import { IdSchema } from '../ids.js';
import type { FindingInput } from '../schemas/finding.js';
import { type BadCall, badIdCalls, expectAllRejected, isTimestamp, oversize } from './assertions.js';
import { type AdapterFactory, itNeeds, type SuiteOptions, useAdapterHarness } from './harness.js';

const finding = (subject: string, extra: Partial<FindingInput> = {}): FindingInput => ({
  agentId: 'agent-a',
  subject,
  verdict: 'bug',
  confidence: 0.8,
  ...extra,
});

/** FindingLog: append (id and createdAt filled), list oldest first, count, clear, cap, TTL, validation. */
export function describeFindingLog(name: string, factory: AdapterFactory, options: SuiteOptions = {}): void {
  describe(`${name}: FindingLog`, () => {
    const h = useAdapterHarness(factory, options);
    const u = h.unit;
    const findings = () => h.adapter.findings;
    const subjects = async (taskId: string) => (await findings().list(taskId)).map((f) => f.subject);

    it('appends a finding, filling id, taskId, createdAt and defaults', async () => {
      const stored = await findings().append('task-1', finding('src/a.ts'));
      expect(stored).toEqual({
        id: expect.any(String),
        taskId: 'task-1',
        agentId: 'agent-a',
        subject: 'src/a.ts',
        verdict: 'bug',
        confidence: 0.8,
        summary: '',
        evidence: [],
        createdAt: expect.any(String),
      });
      expect(IdSchema.safeParse(stored.id).success).toBe(true);
      expect(isTimestamp(stored.createdAt)).toBe(true);
      expect(await findings().list('task-1')).toEqual([stored]);
      expect(await findings().count('task-1')).toBe(1);
    });

    it('keeps the id, createdAt and optional fields given by the caller', async () => {
      const input = finding('src/b.ts', {
        id: 'f-1',
        createdAt: '2024-05-06T07:08:09.000Z',
        summary: 'null deref',
        evidence: ['line 3', 'line 9'],
        data: { line: 3, severity: 'high' },
      });
      const stored = await findings().append('task-1', input);
      expect(stored).toEqual({ ...input, taskId: 'task-1' });
      expect(await findings().list('task-1')).toEqual([stored]);
    });

    it('generates distinct ids and takes createdAt from the clock', async () => {
      const a = await findings().append('task-1', finding('a'));
      await h.advance(u);
      const b = await findings().append('task-1', finding('b'));
      expect(a.id).not.toBe(b.id);
      const gap = Date.parse(b.createdAt) - Date.parse(a.createdAt);
      expect(gap).toBeGreaterThanOrEqual(u / 2);
      expect(gap).toBeLessThanOrEqual(2 * u);
    });

    it('lists oldest first, counts, clears; tasks are isolated', async () => {
      for (const s of ['one', 'two', 'three']) await findings().append('task-1', finding(s));
      await findings().append('task-2', finding('other'));
      expect(await subjects('task-1')).toEqual(['one', 'two', 'three']);
      expect(await findings().count('task-1')).toBe(3);
      await findings().clear('task-1');
      await findings().clear('task-1');
      expect(await findings().list('task-1')).toEqual([]);
      expect(await findings().count('task-1')).toBe(0);
      expect(await subjects('task-2')).toEqual(['other']);
      expect(await findings().list('never-seen')).toEqual([]);
    });

    it('keeps at most findingsPerTask, dropping the oldest', async () => {
      const cap = h.config.limits.findingsPerTask;
      const all = Array.from({ length: cap + 2 }, (_, i) => `s${i + 1}`);
      for (const s of all) await findings().append('task-1', finding(s));
      expect(await findings().count('task-1')).toBe(cap);
      expect(await subjects('task-1')).toEqual(all.slice(-cap));
    });

    it('expires after findingsMs; every append resets the TTL', async () => {
      await findings().append('task-1', finding('one'));
      await h.advance(2 * u);
      await findings().append('task-1', finding('two'));
      await h.advance(2 * u);
      expect(await subjects('task-1')).toEqual(['one', 'two']);
      await h.advance(2 * u);
      expect(await findings().list('task-1')).toEqual([]);
      expect(await findings().count('task-1')).toBe(0);
    });

    it('refuses bad input on every method and changes nothing', async () => {
      const max = h.config.limits.maxValueBytes;
      const f = findings();
      await f.append('keep', finding('kept'));
      const before = await f.list('keep');
      const bad: unknown[] = [
        null,
        'finding',
        {},
        { subject: 's', verdict: 'bug', confidence: 0.5 },
        finding('s', { agentId: 'a b' }),
        finding('s', { agentId: 5 as never }),
        finding(''),
        finding('s', { verdict: '' }),
        finding('s', { confidence: Number.NaN }),
        finding('s', { confidence: 1.5 }),
        finding('s', { confidence: -0.1 }),
        finding('s', { confidence: '0.5' as never }),
        finding('s', { id: 'a*b' }),
        finding('s', { createdAt: 'today' }),
        finding('s', { evidence: 'see above' as never }),
        finding('s', { data: 'x' as never }),
        finding('s', { data: { n: Number.NaN } }),
        { ...finding('s'), taskId: 'keep' },
        { ...finding('s'), unknown: 1 },
      ];
      const calls: BadCall[] = [
        ...badIdCalls('append', (id) => f.append(id, finding('x'))),
        ...bad.map((input, i) => ({
          label: `append(keep, bad #${i})`,
          call: () => f.append('keep', input as never),
        })),
        {
          label: 'append(keep, oversize data)',
          call: () => f.append('keep', finding('big', { data: { blob: oversize(max) } })),
          codes: 'TOO_LARGE',
        },
        ...badIdCalls('list', (id) => f.list(id)),
        ...badIdCalls('count', (id) => f.count(id)),
        ...badIdCalls('clear', (id) => f.clear(id)),
      ];
      await expectAllRejected(calls);
      expect(await f.list('keep')).toEqual(before);
      expect(await f.count('keep')).toBe(1);
    });

    itNeeds(
      'crossProcess',
      options,
      'is shared by adapters on one namespace and isolated across namespaces',
      async () => {
        await findings().append('task-1', finding('mine'));
        const same = await h.connect();
        const other = await h.connect(`${h.config.namespace}-other`);
        await same.findings.append('task-1', finding('same-ns'));
        await other.findings.append('task-1', finding('other-ns'));
        expect(await subjects('task-1')).toEqual(['mine', 'same-ns']);
        expect((await other.findings.list('task-1')).map((x) => x.subject)).toEqual(['other-ns']);
        await other.findings.clear('task-1');
      },
    );
  });
}
