import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  IdSchema,
  MemoryError,
  type Pattern,
  PatternIdSchema,
  type PatternInput,
  PatternInputSchema,
  PatternSchema,
  type PatternWriteMeta,
  parseInput,
} from '@agent-memory/core';
import { z } from 'zod';
import { unlinkIfExists, writeFileAtomic } from './atomic-file.js';
import { changeFor, commitMessage, type PatternChange } from './commit-message.js';
import type { GitRunner } from './git-runner.js';
import { serializePattern } from './pattern-file.js';
import type { PatternPaths } from './pattern-paths.js';
import { findPatternFile, type PatternFileRef, parseStored } from './pattern-reader.js';
import type { PendingWrites } from './pending-writes.js';
import { type Redaction, redactFreeText, redactPattern, type SensitivePolicy } from './secrets/index.js';
import type { LockGuard, WriteLock } from './write-lock.js';

const WriteMetaSchema = z
  .object({
    agentId: IdSchema.optional(),
    sessionId: IdSchema.optional(),
    message: z.string().max(10_000).optional(),
  })
  .strict();

export interface WriterDeps {
  git: GitRunner;
  paths: PatternPaths;
  /** Folder in the git directory for the message and pathspec files of each commit. */
  scratchDir: string;
  lock: WriteLock;
  /** Journal of saves in progress, so the next save can undo one killed before its commit. */
  pending: PendingWrites;
  now: () => Date;
  newId: (title: string) => string;
  policy: SensitivePolicy;
  onRedaction?: (redaction: Redaction & { patternId?: string }) => void;
  /** Told about every pattern written or removed, after its commit. */
  onWritten: (written: Pattern[], removedIds: string[]) => void;
}

/** One file operation of a commit, with what was there before so a failed commit can be undone. */
interface FileStep {
  rel: string;
  abs: string;
  /** New content; null removes the file. */
  content: string | null;
  /** Content before, null when the file did not exist. */
  before: string | null;
}

/**
 * The write path. Everything happens under the repository write lock: read the current files,
 * refuse files with uncommitted changes (they are the user's), write, stage and commit exactly the
 * touched paths (`git commit --only -- <paths>`, so anything else the user has staged or modified
 * stays out), and on failure put the files back.
 */
export class PatternWriter {
  constructor(private readonly deps: WriterDeps) {}

  async saveMany(inputs: PatternInput[], meta: PatternWriteMeta | undefined): Promise<Pattern[]> {
    const parsedInputs = inputs.map((input, i) =>
      parseInput(PatternInputSchema, input, inputs.length === 1 ? 'pattern' : `pattern [${i}]`),
    );
    const parsedMeta = parseInput(WriteMetaSchema, meta ?? {}, 'write meta');
    const explicitIds = parsedInputs.flatMap((input) => (input.id ? [input.id] : []));
    const duplicate = explicitIds.find((id, i) => explicitIds.indexOf(id) !== i);
    if (duplicate) {
      throw new MemoryError('INVALID_INPUT', `pattern ${duplicate} appears twice in one batch`, {
        details: { id: duplicate },
      });
    }
    if (parsedInputs.length === 0) return [];

    return this.deps.lock.run(async (guard) => {
      await this.deps.pending.recover();
      const now = this.deps.now().toISOString();
      const redactions: Array<Redaction & { patternId: string }> = [];
      const saved: Pattern[] = [];
      const changes: PatternChange[] = [];
      const steps: FileStep[] = [];
      for (const input of parsedInputs) {
        const id = input.id ?? this.deps.newId(input.title);
        const existing = await findPatternFile(this.deps.paths, id);
        const draft = parseInput(
          PatternSchema,
          {
            ...input,
            id,
            created: (existing && parsedOrNull(existing, id)?.created) ?? input.created ?? now,
            updated: now,
          },
          'pattern',
        );
        const cleaned = redactPattern(draft, this.deps.policy);
        for (const r of cleaned.redactions) redactions.push({ ...r, patternId: id });
        const pattern = cleaned.pattern;
        saved.push(pattern);
        const rel = this.deps.paths.relFile(pattern.kind, id);
        const content = serializePattern(pattern);
        if (existing && existing.rel === rel && existing.text === content) continue;
        changes.push(changeFor(existing ? 'update' : 'add', pattern));
        if (existing && existing.rel !== rel) {
          steps.push({ rel: existing.rel, abs: existing.abs, content: null, before: existing.text });
        }
        await this.deps.paths.ensureKindDir(pattern.kind);
        const abs = this.deps.paths.absFile(pattern.kind, id);
        steps.push({ rel, abs, content, before: existing?.rel === rel ? existing.text : null });
      }
      const note = this.cleanNote(parsedMeta.message, redactions);
      if (steps.length > 0) {
        await this.commit(steps, changes, note, parsedMeta, guard);
      }
      for (const redaction of redactions) {
        try {
          this.deps.onRedaction?.(redaction);
        } catch {
          // A failing observer must not turn a committed save into an error.
        }
      }
      this.deps.onWritten(saved, []);
      return saved;
    });
  }

  async remove(id: string, meta: PatternWriteMeta | undefined): Promise<boolean> {
    const parsedMeta = parseInput(WriteMetaSchema, meta ?? {}, 'write meta');
    const safeId = parseInput(PatternIdSchema, id, 'pattern id');
    return this.deps.lock.run(async (guard) => {
      await this.deps.pending.recover();
      const existing = await findPatternFile(this.deps.paths, safeId);
      if (!existing) return false;
      const note = this.cleanNote(parsedMeta.message, []);
      const step: FileStep = { rel: existing.rel, abs: existing.abs, content: null, before: existing.text };
      const title = parsedOrNull(existing, safeId)?.title ?? safeId;
      await this.commit(
        [step],
        [changeFor('remove', { id: safeId, kind: existing.kind, title })],
        note,
        parsedMeta,
        guard,
      );
      this.deps.onWritten([], [safeId]);
      return true;
    });
  }

  private cleanNote(
    message: string | undefined,
    into: Array<Redaction & { patternId?: string }>,
  ): string | undefined {
    if (!message) return undefined;
    const cleaned = redactFreeText(message, 'message', this.deps.policy);
    into.push(...cleaned.redactions);
    return cleaned.text;
  }

  private async commit(
    steps: FileStep[],
    changes: PatternChange[],
    note: string | undefined,
    meta: z.output<typeof WriteMetaSchema>,
    guard: LockGuard,
  ): Promise<void> {
    const { git } = this.deps;
    const rels = steps.map((step) => step.rel);
    await this.assertClean(steps.filter((step) => step.before !== null).map((step) => step.rel));
    // Message and pathspecs go through files: a large batch would overflow one command-line argument.
    const scratch = await this.scratchFiles(
      `${commitMessage(changes, note, { agentId: meta.agentId, sessionId: meta.sessionId }).join('\n\n')}\n`,
      rels.join('\0'),
    );
    const pathspec = [`--pathspec-from-file=${scratch.paths}`, '--pathspec-file-nul'];
    const journal = await this.deps.pending.begin(
      steps.map((step) => ({ rel: step.rel, existed: step.before !== null, content: step.content })),
    );
    try {
      for (const step of steps) {
        if (step.content === null) await unlinkIfExists(step.abs);
        else await writeFileAtomic(step.abs, step.content);
      }
      // --verbose and a non-quiet commit are deliberate: simple-git waits an extra 50 ms for
      // commands that print nothing, which would dominate the cost of a save.
      await git.run(['add', '--all', '--force', '--verbose', ...pathspec], { retryIndexLock: true });
      guard.assertHeld();
      await git.run(['commit', '--no-verify', '--no-status', '-F', scratch.message, '--only', ...pathspec], {
        retryIndexLock: true,
      });
    } catch (error) {
      await this.rollback(steps);
      throw error;
    } finally {
      await Promise.all([
        unlinkIfExists(scratch.message),
        unlinkIfExists(scratch.paths),
        this.deps.pending.end(journal),
      ]).catch(() => undefined);
    }
  }

  private async scratchFiles(message: string, paths: string): Promise<{ message: string; paths: string }> {
    await mkdir(this.deps.scratchDir, { recursive: true });
    const base = path.join(this.deps.scratchDir, `commit-${process.pid}-${randomBytes(6).toString('hex')}`);
    const files = { message: `${base}.msg`, paths: `${base}.paths` };
    await Promise.all([writeFile(files.message, message), writeFile(files.paths, paths)]);
    return files;
  }

  /** Refuses to touch a pattern file someone edited, staged or created without committing. */
  private async assertClean(rels: string[]): Promise<void> {
    if (rels.length === 0) return;
    const wanted = new Set(rels);
    const scope = this.deps.paths.relDir === '' ? '.' : this.deps.paths.relDir;
    // --branch only makes git print something (see commit()); its `## …` entry is skipped.
    const status = await this.deps.git.text([
      'status',
      '--porcelain=v1',
      '--branch',
      '-z',
      '--untracked-files=all',
      '--',
      scope,
    ]);
    const dirty = statusPaths(status).filter((rel) => wanted.has(rel));
    if (dirty.length > 0) {
      throw new MemoryError('CONFLICT', `pattern file has uncommitted changes: ${dirty.join(', ')}`, {
        details: { files: dirty },
      });
    }
  }

  /** Best effort: put the work tree and index entries of the touched paths back as they were. */
  private async rollback(steps: FileStep[]): Promise<void> {
    const { git } = this.deps;
    for (const step of steps) {
      try {
        if (step.before === null) await unlinkIfExists(step.abs);
        else await writeFileAtomic(step.abs, step.before);
      } catch {
        // Keep undoing the other files.
      }
    }
    const added = steps.filter((step) => step.before === null).map((step) => step.rel);
    const restored = steps.filter((step) => step.before !== null).map((step) => step.rel);
    if (added.length > 0) {
      await git.run(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...added]).catch(() => undefined);
    }
    if (restored.length > 0) {
      await git.run(['add', '--force', '--', ...restored]).catch(() => undefined);
    }
  }
}

/** Paths in `git status --porcelain=v1 -z` output; a rename or copy names its source too. */
function statusPaths(status: string): string[] {
  const fields = status.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] ?? '';
    if (entry === '' || entry.startsWith('## ')) continue;
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') paths.push(fields[++i] ?? '');
  }
  return paths;
}

/** A corrupt file may still be overwritten or removed (it is refused only if it has uncommitted changes). */
function parsedOrNull(file: PatternFileRef, id: string): Pattern | null {
  try {
    return parseStored(file, id);
  } catch {
    return null;
  }
}
