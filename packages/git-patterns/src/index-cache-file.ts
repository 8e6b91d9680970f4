import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Pattern, PatternSchema } from '@agent-memory/core';
import { readTextOrNull, writeFileAtomic } from './atomic-file.js';

const FORMAT_VERSION = 1;

export interface IndexSnapshot {
  /** The commit the patterns were read at; null for a repository with no commits. */
  head: string | null;
  patterns: Pattern[];
}

/**
 * The parsed patterns of one commit, kept in the git directory (never committed) so a new process
 * starts from the last snapshot and reads only the files changed since, instead of every file.
 */
export class IndexCacheFile {
  readonly file: string;

  constructor(gitDir: string, relDir: string) {
    const key = createHash('sha1').update(relDir).digest('hex').slice(0, 12);
    this.file = path.join(gitDir, 'agent-memory', `index-${key}.json`);
  }

  async load(): Promise<IndexSnapshot | null> {
    try {
      const text = await readTextOrNull(this.file);
      if (text === null) return null;
      const data = JSON.parse(text) as { version?: unknown; head?: unknown; patterns?: unknown };
      if (data.version !== FORMAT_VERSION || !Array.isArray(data.patterns)) return null;
      if (data.head !== null && typeof data.head !== 'string') return null;
      const patterns: Pattern[] = [];
      for (const item of data.patterns) {
        const parsed = PatternSchema.safeParse(item);
        // One bad entry means the file was tampered with or truncated: rebuild rather than trust it.
        if (!parsed.success) return null;
        patterns.push(parsed.data);
      }
      return { head: data.head, patterns };
    } catch {
      return null;
    }
  }

  /** Best effort: a cache that cannot be written only costs the next process a full read. */
  async save(snapshot: IndexSnapshot): Promise<void> {
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify({ version: FORMAT_VERSION, ...snapshot }));
    } catch {
      // ignored on purpose
    }
  }
}
