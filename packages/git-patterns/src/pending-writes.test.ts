import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bugFixInput as input } from '../test/bug-fix-input.js';
import { crashAfterAdd, scratchDir } from '../test/crashed-save.js';
import { git, makeProjectRepo, TempDirs } from '../test/temp-repo.js';
import { createGitPatternStore } from './git-pattern-store.js';
import { GitRunner } from './git-runner.js';
import { serializePattern } from './pattern-file.js';
import { PendingWrites } from './pending-writes.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const status = (repo: string) => git(repo, 'status', '--porcelain', '--untracked-files=all').trim();
const journals = (repo: string) =>
  existsSync(scratchDir(repo)) ? readdirSync(scratchDir(repo)).filter((f) => f.startsWith('pending-')) : [];

describe('a save killed before its commit is undone by the next save', () => {
  it('drops a new pattern file left staged, so nobody commits it by accident', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    const stray = '.agent-memory/patterns/bug-fix/never-acknowledged.md';
    const text = serializePattern({
      ...(await store.save(input('Template', { id: 'template' }))),
      id: 'never-acknowledged',
    });
    await crashAfterAdd(repo, stray, text, false);
    expect(status(repo)).toBe(`A  ${stray}`);

    const saved = await store.save(input('The next save'));
    expect(status(repo)).toBe('');
    expect(existsSync(path.join(repo, stray))).toBe(false);
    expect(git(repo, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe(
      `.agent-memory/patterns/bug-fix/${saved.id}.md`,
    );
    expect(journals(repo)).toEqual([]);
    await store.close();
  });

  it('puts back a pattern whose update was staged, and the pattern can be saved again', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    const saved = await store.save(input('Committed version', { id: 'updated' }));
    const rel = '.agent-memory/patterns/bug-fix/updated.md';
    const committed = readFileSync(path.join(repo, rel), 'utf8');
    await crashAfterAdd(repo, rel, serializePattern({ ...saved, title: 'Half-saved update' }), true);

    // Before, this pattern was stuck: its file looked like someone's uncommitted edit (CONFLICT).
    const again = await store.save({ ...saved, title: 'Acknowledged update' });
    expect(again.title).toBe('Acknowledged update');
    expect(status(repo)).toBe('');
    expect(git(repo, 'show', 'HEAD~1:' + rel)).toBe(committed);
    expect(readFileSync(path.join(repo, rel), 'utf8')).toContain('Acknowledged update');
    await store.close();
  });

  it('leaves alone a file changed again after the crash, and files staged without a journal', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    const template = await store.save(input('Template', { id: 'template' }));
    const edited = '.agent-memory/patterns/bug-fix/edited-since.md';
    await crashAfterAdd(repo, edited, serializePattern({ ...template, id: 'edited-since' }), false);
    const humanText = `${serializePattern({ ...template, id: 'edited-since' })}\nA human kept working on it.\n`;
    writeFileSync(path.join(repo, edited), humanText);
    const userStaged = '.agent-memory/patterns/bug-fix/user-staged.md';
    writeFileSync(path.join(repo, userStaged), serializePattern({ ...template, id: 'user-staged' }));
    git(repo, 'add', '--', userStaged);

    await store.save(input('The next save'));
    expect(readFileSync(path.join(repo, edited), 'utf8')).toBe(humanText);
    expect(status(repo).split('\n').sort()).toEqual([`AM ${edited}`, `A  ${userStaged}`].sort());
    expect(journals(repo)).toEqual([]);
    await store.close();
  });

  it('removes the temp file of an atomic write the kill interrupted, and only that', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    await store.save(input('Template', { id: 'template' }));
    const dir = path.join(repo, '.agent-memory/patterns/bug-fix');
    const pending = new PendingWrites(new GitRunner(repo), repo, scratchDir(repo));
    await pending.begin([{ rel: '.agent-memory/patterns/bug-fix/half.md', existed: false, content: 'x' }]);
    writeFileSync(path.join(dir, '.half.md.0123456789ab.tmp'), 'half of a pat');
    writeFileSync(path.join(dir, '.half.md.mine.tmp'), 'a file of the user');

    await store.save(input('The next save'));
    expect(existsSync(path.join(dir, '.half.md.0123456789ab.tmp'))).toBe(false);
    expect(status(repo)).toBe('?? .agent-memory/patterns/bug-fix/.half.md.mine.tmp');
    await store.close();
  });

  it('changes nothing when the commit had landed, and ignores a journal cut short by the kill', async () => {
    const repo = makeProjectRepo(dirs);
    const store = await createGitPatternStore({ repo });
    const saved = await store.save(input('Landed', { id: 'landed' }));
    const rel = '.agent-memory/patterns/bug-fix/landed.md';
    // Killed after the commit, before the journal went: the file is clean.
    const pending = new PendingWrites(new GitRunner(repo), repo, scratchDir(repo));
    await pending.begin([{ rel, existed: false, content: readFileSync(path.join(repo, rel), 'utf8') }]);
    writeFileSync(path.join(scratchDir(repo), 'pending-1-cut.json'), '[{"rel":".agent-mem');
    const head = git(repo, 'rev-parse', 'HEAD');

    await store.remove('template-never-saved');
    expect(await store.get(saved.id)).toMatchObject({ title: 'Landed' });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(status(repo)).toBe('');
    expect(journals(repo)).toEqual([]);
    await store.close();
  });
});
