import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';

let redis: TestRedis;
let onRedis: string[];
const sandbox = new CliSandbox();

beforeAll(async () => {
  redis = await useTestRedis();
  onRedis = ['--redis', redis.url, '--namespace', redis.namespace('cli-window')];
});
afterAll(async () => {
  await redis?.stop();
  sandbox.cleanup();
});

interface Recalled {
  userId: string;
  messages: { role: string; content: string; agentId?: string; sessionId?: string }[];
}

describe('agent-memory remember / recall', () => {
  it('appends to the window and recalls newest first, from arguments and stdin', async () => {
    const first = await sandbox.run([
      'remember',
      '--user',
      'alice',
      'the',
      'bug',
      'is',
      'in',
      'auth.ts',
      ...onRedis,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('remembered for alice (1 in window)');
    const second = await sandbox.run(
      [
        'remember',
        '--user',
        'alice',
        '--role',
        'assistant',
        '--agent',
        'rev-1',
        '--session',
        's1',
        '-',
        ...onRedis,
      ],
      { input: 'confirmed: == after trim\n' },
    );
    expect(second.code, second.stderr).toBe(0);
    await sandbox.run(['remember', '--user', 'bob', 'unrelated', ...onRedis]);

    const recalled = await sandbox.run(['recall', '--user', 'alice', '--json', ...onRedis]);
    expect(recalled.code, recalled.stderr).toBe(0);
    const { messages } = parseJson<Recalled>(recalled.stdout);
    expect(messages).toMatchObject([
      { role: 'assistant', content: 'confirmed: == after trim', agentId: 'rev-1', sessionId: 's1' },
      { role: 'user', content: 'the bug is in auth.ts' },
    ]);

    const newest = await sandbox.run(['recall', '--user', 'alice', '-n', '1', ...onRedis]);
    expect(newest.stdout.trim().split('\n')).toHaveLength(1);
    expect(newest.stdout).toMatch(/assistant \(rev-1\): confirmed: == after trim/);
  });

  it('forgets a window with --clear', async () => {
    await sandbox.run(['remember', '--user', 'carol', 'hello', ...onRedis]);
    const cleared = await sandbox.run(['recall', '--user', 'carol', '--clear', ...onRedis]);
    expect(cleared.code, cleared.stderr).toBe(0);
    const empty = await sandbox.run(['recall', '--user', 'carol', ...onRedis]);
    expect(empty.stdout.trim()).toBe('no messages for carol');
  });

  it('recalls by meaning with --semantic: the conversation and patterns, even when the words differ', async () => {
    const repo = join(sandbox.dir, 'semantic-repo');
    const init = await sandbox.run(['patterns', 'init', '--patterns-repo', repo]);
    expect(init.code, init.stderr).toBe(0);
    const added = await sandbox.run([
      'patterns',
      'add',
      '--patterns-repo',
      repo,
      '--kind',
      'bug-fix',
      '--title',
      'Session cookie expired too early',
      '--summary',
      'Logins timed out after five minutes because the cookie max-age was in seconds',
      '--author',
      'tester',
    ]);
    expect(added.code, added.stderr).toBe(0);
    await sandbox.run(['remember', '--user', 'bob', 'we agreed to run redis on port 6380', ...onRedis]);

    const patterns = await sandbox.run([
      'recall',
      '--semantic',
      '--scope',
      'patterns',
      '--patterns-repo',
      repo,
      '--json',
      ...onRedis,
      'why do logins time out',
    ]);
    expect(patterns.code, patterns.stderr).toBe(0);
    const found = parseJson<{ hits: { source: string; pattern?: { title: string } }[] }>(patterns.stdout);
    expect(found.hits[0]?.pattern?.title).toBe('Session cookie expired too early');

    const chat = await sandbox.run([
      'recall',
      '--semantic',
      '--scope',
      'conversation',
      '--user',
      'bob',
      '--json',
      ...onRedis,
      'which port did we pick',
    ]);
    expect(chat.code, chat.stderr).toBe(0);
    const said = parseJson<{ hits: { source: string; message?: { content: string } }[] }>(chat.stdout);
    expect(said.hits[0]?.message?.content).toBe('we agreed to run redis on port 6380');

    const bad = await sandbox.run(['recall', '--semantic', '--scope', 'everywhere', 'x', ...onRedis]);
    expect(bad.code).toBe(2);
  });
});
