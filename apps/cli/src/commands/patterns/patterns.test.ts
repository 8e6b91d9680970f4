import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Pattern } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../../test/cli-process.js';
import { gitOutput, makeGitRepo } from '../../../test/git-repo.js';

// Patterns are on for this file (the sandbox turns them off by default); short-term state stays local.
const sandbox = new CliSandbox({ AGENT_MEMORY_PATTERNS: undefined, AGENT_MEMORY_LOCAL: '1' });
let repo: string;
let inRepo: string[];

beforeAll(() => {
  repo = makeGitRepo(join(sandbox.dir, 'repo'), [
    { subject: 'fix(auth): trim the password before comparing', file: 'src/auth.ts' },
    { subject: 'docs: explain the cache', file: 'README.md' },
  ]);
  inRepo = ['--patterns-repo', repo];
});
afterAll(() => sandbox.cleanup());

describe('agent-memory patterns', () => {
  it('adds, lists, searches, shows and tracks the history of a pattern', async () => {
    const added = await sandbox.run([
      'patterns',
      'add',
      '--kind',
      'bug-fix',
      '--title',
      'Compare passwords in constant time',
      '--summary',
      'login() compared with == after trimming',
      '--tag',
      'auth',
      '--file',
      'src/auth.ts',
      '--confidence',
      '0.9',
      '--author',
      'alice',
      '--json',
      ...inRepo,
    ]);
    expect(added.code, added.stderr).toBe(0);
    const pattern = parseJson<Pattern>(added.stdout);
    expect(pattern).toMatchObject({
      kind: 'bug-fix',
      tags: ['auth'],
      files: ['src/auth.ts'],
      author: 'alice',
    });

    const listed = await sandbox.run(['patterns', 'list', ...inRepo]);
    expect(listed.stdout).toMatch(
      new RegExp(`^${pattern.id}\\s+bug-fix\\s+Compare passwords in constant time \\[auth\\]$`, 'm'),
    );

    const hits = parseJson<{ pattern: Pattern; score: number }[]>(
      (await sandbox.run(['patterns', 'search', 'password', 'compare', '--json', ...inRepo])).stdout,
    );
    expect(hits[0]?.pattern.id).toBe(pattern.id);

    const updated = await sandbox.run(
      [
        'patterns',
        'add',
        '--id',
        pattern.id,
        '--kind',
        'bug-fix',
        '--title',
        'Compare password hashes in constant time',
        '--body-file',
        '-',
        '--message',
        'clarify: hashes',
        '--agent',
        'reviewer-1',
        ...inRepo,
      ],
      { input: '## Fix\nUse `timingSafeEqual` on the hashes.\n' },
    );
    expect(updated.code, updated.stderr).toBe(0);

    const shown = await sandbox.run(['patterns', 'show', pattern.id, ...inRepo]);
    expect(shown.stdout).toMatch(/^Compare password hashes in constant time$/m);
    expect(shown.stdout).toContain('Use `timingSafeEqual` on the hashes.');
    const before = parseJson<Pattern>(
      (await sandbox.run(['patterns', 'show', pattern.id, '--at', 'HEAD~1', '--json', ...inRepo])).stdout,
    );
    expect(before.title).toBe('Compare passwords in constant time');

    const history = await sandbox.run(['patterns', 'history', pattern.id, '--json', ...inRepo]);
    const versions = parseJson<{ commit: string; message: string; agentId?: string }[]>(history.stdout);
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatchObject({
      message: expect.stringContaining('update bug-fix'),
      agentId: 'reviewer-1',
    });
    expect(gitOutput(repo, 'log', '-1', '--format=%B', versions[0]!.commit)).toContain('clarify: hashes');
    const table = await sandbox.run(['patterns', 'history', pattern.id, ...inRepo]);
    expect(table.stdout).toMatch(/^COMMIT\s+DATE\s+AUTHOR\s+AGENT\s+MESSAGE$/m);
    expect(table.stdout).toMatch(/^[0-9a-f]{8}\s+.*\s+reviewer-1\s+memory: update bug-fix/m);

    const diff = await sandbox.run(['patterns', 'diff', pattern.id, 'HEAD~1', ...inRepo]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/^\s+title changed$/m);

    const missing = await sandbox.run(['patterns', 'show', 'no-such-pattern', ...inRepo]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('error [NOT_FOUND]: no pattern "no-such-pattern"');
  });

  it('imports patterns in bulk and extracts bug fixes from git history once', async () => {
    const lines = [
      { kind: 'convention', title: 'Errors carry a stable code', tags: ['errors'] },
      { kind: 'team-decision', title: 'Review every pattern in a pull request', author: 'bob' },
    ].map((p) => JSON.stringify(p));
    const imported = await sandbox.run(['patterns', 'import', '-', '--json', ...inRepo], {
      input: lines.join('\n'),
    });
    expect(imported.code, imported.stderr).toBe(0);
    expect(parseJson<{ saved: string[] }>(imported.stdout).saved).toHaveLength(2);
    const conventions = parseJson<Pattern[]>(
      (await sandbox.run(['patterns', 'list', '--kind', 'convention', '--json', ...inRepo])).stdout,
    );
    expect(conventions).toMatchObject([{ title: 'Errors carry a stable code', author: 'tester' }]);

    const proposed = await sandbox.run(['patterns', 'extract', ...inRepo]);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toMatch(/conventional-fix\s+.*trim the password before comparing/i);
    expect(proposed.stdout).not.toContain('explain the cache');
    const saved = await sandbox.run(['patterns', 'extract', '--save', '--json', ...inRepo]);
    expect(parseJson<{ saved: string[] }>(saved.stdout).saved).toHaveLength(1);
    const again = await sandbox.run(['patterns', 'extract', ...inRepo]);
    expect(again.stdout.trim()).toBe('no new bug-fix commits found');

    const reindexed = await sandbox.run(['patterns', 'reindex', '--json', ...inRepo]);
    expect(parseJson(reindexed.stdout)).toEqual({ patterns: 4, corrupt: [] });

    const status = await sandbox.run(['status', '--json', ...inRepo]);
    expect(status.code, status.stderr).toBe(0);
    expect(parseJson(status.stdout)).toMatchObject({
      patterns: { enabled: true, count: 4, lastCommit: { message: expect.stringContaining('memory:') } },
    });
  });

  it('syncs with the remote', async () => {
    const remote = join(sandbox.dir, 'remote.git');
    execFileSync('git', ['init', '-q', '--bare', remote]);
    gitOutput(repo, 'remote', 'add', 'origin', remote);
    const synced = await sandbox.run(['patterns', 'sync', '--json', ...inRepo]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(parseJson(synced.stdout)).toMatchObject({
      remote: 'origin',
      branch: 'main',
      pulled: 0,
      conflicts: [],
    });
    expect(gitOutput(remote, 'rev-parse', 'main')).toBe(gitOutput(repo, 'rev-parse', 'HEAD'));
  });

  it('says in one line why patterns are unavailable, and `patterns init` makes a repository', async () => {
    const plain = join(sandbox.dir, 'not-a-repo');
    mkdirSync(plain);
    const off = await sandbox.run(['patterns', 'list', '--patterns-repo', plain]);
    expect(off.code).toBe(1);
    expect(off.stderr.trim().split('\n')).toHaveLength(1);
    expect(off.stderr).toMatch(/^error \[NOT_FOUND\]: long-term patterns are not available: .*patterns init/);

    const init = await sandbox.run(['patterns', 'init', '--patterns-repo', plain]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('patterns repository ready at');
    const empty = await sandbox.run(['patterns', 'list', '--patterns-repo', plain]);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout.trim()).toBe('no patterns');
  });
});
