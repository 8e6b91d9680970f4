import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { createMemory, type Pattern, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';
import { makeGitRepo } from '../../test/git-repo.js';

let redis: TestRedis;
let args: string[];
let candidates: string[];
const sandbox = new CliSandbox({ AGENT_MEMORY_PATTERNS: undefined });

// Two agents agree on two findings and stage each as a candidate, through the library, as agents would.
beforeAll(async () => {
  redis = await useTestRedis();
  const namespace = redis.namespace('cli-promote');
  const repo = makeGitRepo(join(sandbox.dir, 'repo'));
  args = ['--redis', redis.url, '--namespace', namespace, '--patterns-repo', repo];
  const memory = await createMemory(
    { redis: redis.url, namespace, patterns: { repo } },
    { logger: silentLogger },
  );
  try {
    const alice = memory.agent('alice', { role: 'contributor' });
    candidates = [];
    for (const subject of ['src/auth.ts', 'src/session.ts']) {
      const finding = await alice.share('review-auth', {
        subject,
        verdict: 'sql-injection',
        confidence: 0.9,
      });
      const staged = await alice.stage({
        taskId: 'review-auth',
        findingIds: [finding.id],
        kind: 'security-decision',
      });
      candidates.push(staged.id);
    }
  } finally {
    await memory.close();
  }
});
afterAll(async () => {
  await redis?.stop();
  sandbox.cleanup();
});

describe('agent-memory promote', () => {
  it('lists staged candidates, promotes one exactly once into a pattern, rejects another', async () => {
    const listed = await sandbox.run(['promote', '--json', ...args]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(
      parseJson<{ id: string }[]>(listed.stdout)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...candidates].sort());

    const [first, second] = candidates as [string, string];
    const promoted = await sandbox.run([
      'promote',
      first,
      '--by',
      'lead',
      '--message',
      'agreed in review',
      '--json',
      ...args,
    ]);
    expect(promoted.code, promoted.stderr).toBe(0);
    const { pattern } = parseJson<{ pattern: Pattern; candidate: { state: string } }>(promoted.stdout);
    expect(pattern.kind).toBe('security-decision');

    const shown = await sandbox.run(['patterns', 'show', pattern.id, '--json', ...args]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(parseJson<Pattern>(shown.stdout).title).toBe(pattern.title);

    const twice = await sandbox.run(['promote', first, '--by', 'lead', ...args]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^error \[CONFLICT\]/);

    const rejected = await sandbox.run([
      'promote',
      second,
      '--by',
      'lead',
      '--reject',
      'not reproducible',
      ...args,
    ]);
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(rejected.stdout.trim()).toBe(`lead rejected ${second}: not reproducible`);

    const left = await sandbox.run(['promote', ...args]);
    expect(left.stdout.trim()).toBe('no candidates');
    const all = await sandbox.run(['promote', '--state', 'all', ...args]);
    expect(all.stdout).toMatch(new RegExp(`^${first}\\s+promoted\\s+review-auth`, 'm'));
    expect(all.stdout).toMatch(new RegExp(`^${second}\\s+rejected\\s+review-auth`, 'm'));

    const trail = await sandbox.run(['audit', '--type', 'pattern_*', '--json', ...args]);
    expect(parseJson<{ event: { event: string } }[]>(trail.stdout).map((e) => e.event.event)).toEqual([
      'pattern_staged',
      'pattern_staged',
      'pattern_promoted',
      'pattern_rejected',
    ]);
  });
});
