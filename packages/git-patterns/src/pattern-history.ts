import {
  MemoryError,
  type Pattern,
  PatternIdSchema,
  PatternSchema,
  type PatternVersion,
  parseInput,
} from '@agent-memory/core';
import { z } from 'zod';
import { parseTrailers } from './commit-message.js';
import type { GitRunner } from './git-runner.js';
import { parsePatternFile } from './pattern-file.js';
import type { PatternPaths } from './pattern-paths.js';
import { checkIdentity } from './pattern-reader.js';

/** A version as git recorded it, with the agent and session read back from the trailers. */
export interface GitPatternVersion extends PatternVersion {
  /** Git author name (the identity the commit was made with). */
  author: string;
  authorEmail: string;
  /** Subject line. */
  message: string;
  agentId?: string;
  sessionId?: string;
}

export interface PatternFieldChange {
  field: keyof Pattern;
  before: unknown;
  after: unknown;
}

export interface PatternDiff {
  id: string;
  /** Resolved commit ids. */
  from: string;
  to: string;
  /** The pattern at each end; null where it did not exist. */
  before: Pattern | null;
  after: Pattern | null;
  /** Front matter fields and body that differ, in file order. */
  changes: PatternFieldChange[];
  /** `git diff` of the pattern's file(s) between the two commits. */
  patch: string;
}

/** Commit-ish accepted from callers: ids, branch and tag names, `HEAD~2`. Never an option (`-…`) or a range. */
export const RevisionSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/~^-]*$/, 'must be a commit id, branch, tag or HEAD~n')
  .refine((s) => !s.includes('..'), 'must be one commit, not a range');

const FIELD = '\x1f';
const RECORD = '\x1e';

/** Reads past versions of pattern files; a pattern's path may change kind over its history. */
export class PatternHistory {
  constructor(
    private readonly git: GitRunner,
    private readonly paths: PatternPaths,
  ) {}

  async history(id: string): Promise<GitPatternVersion[]> {
    const safeId = parseInput(PatternIdSchema, id, 'pattern id');
    const format = ['%H', '%an', '%ae', '%aI', '%s', '%b'].join('%x1f');
    const result = await this.git.run(
      ['log', `--format=${format}%x1e`, '--diff-filter=ACMRT', '--', ...this.paths.relFilesForId(safeId)],
      // An empty repository has no HEAD to start from: no history, not an error.
      { okExitCodes: [128] },
    );
    if (result.exitCode !== 0) return [];
    return result.stdout
      .split(RECORD)
      .map((record) => record.replace(/^\n/, ''))
      .filter((record) => record.trim() !== '')
      .map((record) => {
        const [commit = '', author = '', authorEmail = '', date = '', message = '', body = ''] =
          record.split(FIELD);
        return { commit, author, authorEmail, date, message, ...parseTrailers(body) };
      });
  }

  /** The newest commit that touched the patterns folder; null before the first save. */
  async lastCommit(): Promise<GitPatternVersion | null> {
    const format = ['%H', '%an', '%ae', '%aI', '%s', '%b'].join('%x1f');
    const result = await this.git.run(['log', '-1', `--format=${format}`, '--', this.paths.relDir || '.'], {
      okExitCodes: [128],
    });
    if (result.exitCode !== 0 || result.stdout.trim() === '') return null;
    const [commit = '', author = '', authorEmail = '', date = '', message = '', body = ''] = result.stdout
      .replace(/\n$/, '')
      .split(FIELD);
    return { commit, author, authorEmail, date, message, ...parseTrailers(body) };
  }

  /** The pattern as it was at `revision`; null if it did not exist then. NOT_FOUND for an unknown revision. */
  async at(id: string, revision: string): Promise<Pattern | null> {
    const safeId = parseInput(PatternIdSchema, id, 'pattern id');
    return this.readAt(safeId, await this.resolve(revision));
  }

  async diff(id: string, from: string, to = 'HEAD'): Promise<PatternDiff> {
    const safeId = parseInput(PatternIdSchema, id, 'pattern id');
    const [fromCommit, toCommit] = await Promise.all([this.resolve(from), this.resolve(to)]);
    const [before, after] = await Promise.all([
      this.readAt(safeId, fromCommit),
      this.readAt(safeId, toCommit),
    ]);
    if (before === null && after === null) {
      throw new MemoryError('NOT_FOUND', `pattern ${safeId} exists at neither ${from} nor ${to}`, {
        details: { id: safeId, from, to },
      });
    }
    const patch = await this.git.text([
      'diff',
      '--no-color',
      '--no-ext-diff',
      fromCommit,
      toCommit,
      '--',
      ...this.paths.relFilesForId(safeId),
    ]);
    return {
      id: safeId,
      from: fromCommit,
      to: toCommit,
      before,
      after,
      changes: fieldChanges(before, after),
      patch,
    };
  }

  /** Full commit id of a revision; NOT_FOUND when it names no commit. */
  async resolve(revision: string): Promise<string> {
    const safe = parseInput(RevisionSchema, revision, 'revision');
    const result = await this.git.run(['rev-parse', '--verify', '--quiet', `${safe}^{commit}`], {
      okExitCodes: [1, 128],
    });
    const commit = result.stdout.trim();
    if (result.exitCode !== 0 || !commit) {
      throw new MemoryError('NOT_FOUND', `no commit ${JSON.stringify(revision)} in the repository`, {
        details: { revision },
      });
    }
    return commit;
  }

  private async readAt(id: string, commit: string): Promise<Pattern | null> {
    const listing = await this.git.text([
      'ls-tree',
      '--name-only',
      '-z',
      commit,
      '--',
      ...this.paths.relFilesForId(id),
    ]);
    const rel = listing.split('\0').find(Boolean);
    if (!rel) return null;
    const location = this.paths.parseRel(rel);
    if (!location) return null;
    const text = await this.git.text(['show', `${commit}:${rel}`]);
    return checkIdentity(parsePatternFile(text, `${rel}@${commit.slice(0, 12)}`), id, location.kind, rel);
  }
}

function fieldChanges(before: Pattern | null, after: Pattern | null): PatternFieldChange[] {
  const fields = Object.keys(PatternSchema.shape) as Array<keyof Pattern>;
  return fields.flatMap((field) => {
    const a = before?.[field];
    const b = after?.[field];
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ field, before: a ?? null, after: b ?? null }];
  });
}
