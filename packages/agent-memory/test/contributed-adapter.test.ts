import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAdapter, type ShortTermAdapter, unregisterAdapter } from '@agent-memory/core';
import { describeShortTermAdapter } from '@agent-memory/core/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemory, loadConfig, type Memory, silentLogger } from '../src/index.js';

// The contributor's path, proven from outside the workspace packages: a fixture folder holds a
// backend that registers itself; nothing in packages/agent-memory names it.
const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, 'fixtures', 'journal-adapter', 'index.mjs');
type Fixture = {
  journal: [string, string, string][];
  createJournalAdapter(config?: object): ShortTermAdapter;
};
const fixture = (): Promise<Fixture> => import(FIXTURE) as Promise<Fixture>;

const repos: string[] = [];
const opened: Memory[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
});
afterAll(() => {
  for (const dir of repos) rmSync(dir, { recursive: true, force: true });
});

function patternsRepo(): { repo: string; init: true } {
  const repo = mkdtempSync(join(tmpdir(), 'am-contributed-'));
  repos.push(repo);
  return { repo, init: true };
}

/** The demo's coordination story: claim, share, conflict check, complete, stage, promote. */
async function coordinationFlow(memory: Memory): Promise<void> {
  const claim = await memory.tasks.claim('review:auth', 'agent-a', { heartbeat: false });
  expect(claim).not.toBeNull();
  expect(await memory.tasks.claim('review:auth', 'agent-b', { heartbeat: false })).toBeNull();
  const worker = memory.agent('agent-a');
  const finding = await worker.share('review:auth', {
    agentId: 'agent-a',
    subject: 'src/auth.ts',
    verdict: 'timing-attack',
    confidence: 0.9,
    summary: 'token compared with ===',
  });
  await memory.tasks.complete(claim!);
  const candidate = await worker.stage({
    taskId: 'review:auth',
    findingIds: [finding.id],
    kind: 'security-decision',
  });
  memory.agent('lead', { role: 'validator' });
  const promotion = await memory.promote(candidate.id, { by: 'lead' });
  expect((await memory.patterns!.get(promotion.pattern.id))?.kind).toBe('security-decision');
  const audit = await memory.audit({ taskId: 'review:auth' });
  expect(audit.map((e) => e.event.event)).toEqual(
    expect.arrayContaining(['task_claimed', 'finding_shared', 'task_completed']),
  );
}

describe('a contributed adapter', () => {
  it('is selected by AGENT_MEMORY_BACKEND once AGENT_MEMORY_ADAPTERS names its module', async () => {
    const env = { AGENT_MEMORY_BACKEND: 'journal', AGENT_MEMORY_ADAPTERS: FIXTURE };
    const config = await loadConfig({
      env,
      overrides: { namespace: 'contrib-env', patterns: patternsRepo() },
    });
    const memory = await createMemory(config, { logger: silentLogger });
    opened.push(memory);
    expect(memory.backend).toBe('journal');
    expect(memory.scope).toBe('process');
    const { journal } = await fixture();
    const before = journal.length;
    await coordinationFlow(memory);
    expect(journal.slice(before).map(([, op, resource]) => `${op} ${resource}`)).toEqual(
      expect.arrayContaining(['acquire review:auth', 'release review:auth']),
    );
    const status = await memory.status();
    expect(status).toMatchObject({
      backend: 'journal',
      healthy: true,
      store: { summary: expect.any(String) },
    });
    expect(status.keys.findings).toBe(1);
  });

  it('is used as an instance given to createMemory({ shortTerm })', async () => {
    const { createJournalAdapter } = await fixture();
    const adapter = createJournalAdapter({ namespace: 'contrib-instance' });
    const memory = await createMemory(
      { patterns: patternsRepo() },
      { logger: silentLogger, shortTerm: adapter },
    );
    opened.push(memory);
    expect(memory.backend).toBe('journal');
    expect(memory.adapter).toBe(adapter);
    await coordinationFlow(memory);
  });

  it('is built by a factory given to createMemory({ shortTerm }) with the config namespace, TTLs and limits', async () => {
    const { createJournalAdapter } = await fixture();
    const seen: { namespace: string; windowLength: number }[] = [];
    const memory = await createMemory(
      { namespace: 'contrib-factory', limits: { windowLength: 7 }, patterns: patternsRepo() },
      {
        logger: silentLogger,
        shortTerm: (context) => {
          seen.push({ namespace: context.namespace, windowLength: context.limits.windowLength });
          return createJournalAdapter({
            namespace: context.namespace,
            ttl: context.ttl,
            limits: context.limits,
          });
        },
      },
    );
    opened.push(memory);
    expect(seen).toEqual([{ namespace: 'contrib-factory', windowLength: 7 }]);
    expect(memory.namespace).toBe('contrib-factory');
  });

  it('names every registered kind and how to add one when the kind is unknown', async () => {
    await expect(
      createMemory({ backend: 'nosuch', patterns: false }, { logger: silentLogger }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(
        /no short-term backend "nosuch".*known: .*redis.*memory.*AGENT_MEMORY_ADAPTERS/s,
      ),
    });
  });

  it('refuses a module that cannot be loaded, naming it', async () => {
    await expect(
      createMemory(
        { backend: 'journal', adapterModules: ['./no/such/adapter.mjs'], patterns: false },
        { logger: silentLogger },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('./no/such/adapter.mjs'),
    });
  });

  it('cannot take over a kind another registration holds', async () => {
    await fixture();
    const { registerAdapter } = await import('@agent-memory/core');
    expect(() =>
      registerAdapter({
        kind: 'journal',
        scope: 'process',
        description: 'impostor',
        create: async () => ({}) as never,
      }),
    ).toThrow(/already registered/);
    expect(findAdapter('journal')?.description).toContain('test fixture');
    expect(unregisterAdapter('no-such-kind')).toBe(false);
  });
});

// The fixture passes the same full suite as the built-ins (cross-process included: two adapters of
// this kind share the process-wide backend, as two clients of one server would).
describeShortTermAdapter(
  'contributed journal adapter',
  async (config) => {
    const { createJournalAdapter } = await fixture();
    const adapter = createJournalAdapter(config);
    return {
      adapter,
      advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      teardown: () => adapter.close(),
      connect: async (peerConfig) => createJournalAdapter(peerConfig),
    };
  },
  { realTime: true },
);
