import { afterAll, describe, expect, it } from 'vitest';
import { SECRET_SAMPLES } from '../../test/fixtures/secret-samples.js';
import { git, makeProjectRepo, TempDirs } from '../../test/temp-repo.js';
import { createGitPatternStore } from '../git-pattern-store.js';
import type { Redaction } from './pattern-redaction.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const sample = (kind: string) => {
  const found = SECRET_SAMPLES.find((s) => s.kind === kind);
  if (!found) throw new Error(`no sample for ${kind}`);
  return found;
};
const aws = sample('aws-access-key-id');
const github = sample('github-token');
const email = sample('email');
const stripe = sample('stripe-key');

/** Everything git holds, in every object reachable from HEAD: no secret may appear in it. */
const everythingInGit = (repo: string) => git(repo, 'log', '-p', '--format=%B', 'HEAD');

describe('secrets never reach git', () => {
  it('redacts secrets and PII in every field and the commit message, and reports kind and field only', async () => {
    const repo = makeProjectRepo(dirs);
    const reported: Array<Redaction & { patternId?: string }> = [];
    const store = await createGitPatternStore({ repo, onRedaction: (r) => reported.push(r) });
    const saved = await store.save(
      {
        kind: 'security-decision',
        title: 'Rotate leaked keys',
        summary: `Reported by ${email.secret}`,
        body: `The build log printed ${aws.text}\nand ${aws.secret} again.`,
        tags: ['keys'],
        links: [`https://ci.example.com/log?token=${github.secret}`],
        author: 'agent-a',
      },
      { message: `context: ${stripe.text}` },
    );
    const gitText = everythingInGit(repo);
    for (const secret of [aws.secret, github.secret, email.secret, stripe.secret]) {
      expect(gitText).not.toContain(secret);
      expect(JSON.stringify(saved)).not.toContain(secret);
      expect(JSON.stringify(reported)).not.toContain(secret);
    }
    expect(saved.body).toContain('[REDACTED:aws-access-key-id]');
    expect(saved.summary).toBe('Reported by [REDACTED:email]');
    expect(gitText).toContain('[REDACTED:stripe-key]');
    expect(reported).toEqual(
      expect.arrayContaining([
        { kind: 'aws-access-key-id', category: 'secret', field: 'body', count: 2, patternId: saved.id },
        { kind: 'email', category: 'pii', field: 'summary', count: 1, patternId: saved.id },
        { kind: 'github-token', category: 'secret', field: 'links[0]', count: 1, patternId: saved.id },
        { kind: 'stripe-key', category: 'secret', field: 'message', count: 1 },
      ]),
    );
    expect(await store.get(saved.id)).toEqual(saved);
    await store.close();
  });

  it('refuses the whole save in refuse mode: FORBIDDEN naming kinds and fields, nothing written', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, secrets: 'refuse' });
    const attempt = store.saveMany([
      { kind: 'bug-fix', title: 'Clean one', author: 'agent-a' },
      { kind: 'bug-fix', title: 'Dirty one', body: github.text, summary: email.text, author: 'agent-a' },
    ]);
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN', details: { kinds: ['email', 'github-token'] } });
    expect(String((error as Error).message)).toMatch(/github-token in body/);
    expect(JSON.stringify(error)).not.toContain(github.secret);
    expect(JSON.stringify(error)).not.toContain(email.secret);
    expect(git(repo, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all').trim()).toBe('');
    await expect(
      store.save({ kind: 'bug-fix', title: 'x', author: 'a' }, { message: aws.text }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await store.close();
  });

  it('lets PII through with pii: allow while still redacting secrets', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo, pii: 'allow' });
    const saved = await store.save({
      kind: 'team-decision',
      title: 'Owner',
      summary: `${email.text} ${aws.text}`,
      author: 'a',
    });
    expect(saved.summary).toContain(email.secret);
    expect(saved.summary).not.toContain(aws.secret);
    await store.close();
  });

  it('re-saving an already redacted pattern changes nothing', async () => {
    const repo = makeProjectRepo(dirs);
    const reported: Redaction[] = [];
    const store = await createGitPatternStore({
      repo,
      clock: () => new Date('2025-12-01T00:00:00.000Z'),
      onRedaction: (r) => reported.push(r),
    });
    const first = await store.save({ kind: 'bug-fix', title: 'Key in log', body: aws.text, author: 'a' });
    reported.length = 0;
    expect(await store.save(first)).toEqual(first);
    expect(reported).toEqual([]);
    await store.close();
  });
});
