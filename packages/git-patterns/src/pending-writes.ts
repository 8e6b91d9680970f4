import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isTempSiblingOf, readTextOrNull, unlinkIfExists } from './atomic-file.js';
import type { GitRunner } from './git-runner.js';

/** One file a save is about to write: enough to undo it if the save dies before its commit. */
export interface PendingFile {
  /** Repository-relative path. */
  rel: string;
  /** Whether the file was committed before the save (the save checked it was clean). */
  existed: boolean;
  /** What the save writes; null when it removes the file. */
  content: string | null;
}

interface JournalEntry {
  rel: string;
  existed: boolean;
  /** sha256 of the content written, or null for a removal. */
  written: string | null;
}

const PREFIX = 'pending-';

/**
 * A journal of each save in progress, one small file in the git directory written before the
 * pattern files and removed once the save committed or rolled back. A save SIGKILLed in between
 * (after `git add`, before `git commit`) would otherwise leave its files written or staged: the
 * user's next plain `git commit` would take them, and the next save of that pattern would refuse
 * a "dirty" file. The next save, holding the write lock (so no live save owns a journal), undoes
 * what a dead one left: the save was never acknowledged, so it is as if it never happened. A file
 * that changed again since (someone edited it) is left alone.
 */
export class PendingWrites {
  constructor(
    private readonly git: GitRunner,
    private readonly root: string,
    private readonly dir: string,
  ) {}

  /** Records the files a save is about to write; returns the journal to pass to `end`. */
  async begin(files: PendingFile[]): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const journal = path.join(this.dir, `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}.json`);
    const entries: JournalEntry[] = files.map((file) => ({
      rel: file.rel,
      existed: file.existed,
      written: file.content === null ? null : digest(file.content),
    }));
    await writeFile(journal, JSON.stringify(entries));
    return journal;
  }

  /** The save committed, or put its files back: nothing to undo. */
  async end(journal: string): Promise<void> {
    await unlinkIfExists(journal);
  }

  /** Undoes what saves that died before their commit left behind; returns the paths restored. */
  async recover(): Promise<string[]> {
    const journals = (await readdir(this.dir).catch(() => [] as string[])).filter(
      (name) => name.startsWith(PREFIX) && name.endsWith('.json'),
    );
    const restored: string[] = [];
    for (const name of journals) {
      const journal = path.join(this.dir, name);
      for (const entry of await readJournal(journal)) {
        if (await this.undo(entry)) restored.push(entry.rel);
      }
      await unlinkIfExists(journal);
    }
    return restored;
  }

  private async undo(entry: JournalEntry): Promise<boolean> {
    await this.removeTempFiles(entry.rel);
    const status = await this.git.text([
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--',
      entry.rel,
    ]);
    // Clean: the commit landed after all (killed just before the journal went), or was undone.
    if (status === '') return false;
    const abs = path.join(this.root, entry.rel);
    const now = await readTextOrNull(abs);
    if ((now === null ? null : digest(now)) !== entry.written) return false;
    if (entry.existed) {
      await this.git.run(['checkout', 'HEAD', '--', entry.rel], { retryIndexLock: true });
    } else {
      await this.git.run(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', entry.rel], {
        retryIndexLock: true,
      });
      await unlinkIfExists(abs);
    }
    return true;
  }

  /** The temporary sibling of an atomic write the kill interrupted. */
  private async removeTempFiles(rel: string): Promise<void> {
    const abs = path.join(this.root, rel);
    const dir = path.dirname(abs);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (isTempSiblingOf(name, abs)) await unlinkIfExists(path.join(dir, name));
    }
  }
}

function digest(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A journal cut short by the kill itself holds nothing usable: the save had not written yet. */
async function readJournal(file: string): Promise<JournalEntry[]> {
  try {
    const entries = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return Array.isArray(entries) ? entries.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function isEntry(value: unknown): value is JournalEntry {
  const e = value as JournalEntry;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.rel === 'string' &&
    !path.isAbsolute(e.rel) &&
    !e.rel.split(/[\\/]/).includes('..') &&
    typeof e.existed === 'boolean' &&
    (e.written === null || typeof e.written === 'string')
  );
}
