import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  MemoryError,
  PatternIdSchema,
  type PatternKind,
  PatternKindSchema,
  parseInput,
} from '@agent-memory/core';

export const PATTERN_KINDS: readonly PatternKind[] = PatternKindSchema.options;

/**
 * Where pattern files live, and the guard that keeps every read and write inside that folder:
 * ids and kinds are validated (no `/`, `..` or absolute paths can be formed), the folder chain is
 * walked segment by segment so a symlinked folder pointing outside the repository is refused, and
 * pattern files themselves may not be symlinks.
 */
export class PatternPaths {
  /** Repository-relative, `/`-separated: used in pathspecs and `git show <rev>:<path>`. */
  readonly relDir: string;
  readonly absDir: string;

  private constructor(
    readonly root: string,
    relDir: string,
  ) {
    this.relDir = relDir;
    this.absDir = relDir === '' ? root : path.join(root, ...relDir.split('/'));
  }

  /** `dir` is relative to the repository root (an absolute path must lie inside it). */
  static create(root: string, dir: string): PatternPaths {
    const absolute = path.resolve(root, dir);
    const rel = path.relative(root, absolute);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new MemoryError('FORBIDDEN', `patterns dir ${JSON.stringify(dir)} is outside the repository`, {
        details: { dir },
      });
    }
    const segments = rel === '' ? [] : rel.split(path.sep);
    if (segments[0] === '.git') {
      throw new MemoryError('FORBIDDEN', 'patterns dir must not be inside .git', { details: { dir } });
    }
    return new PatternPaths(root, segments.join('/'));
  }

  /** `dir/kind/id.md`, repository-relative. */
  relFile(kind: PatternKind, id: string): string {
    const safeId = parseInput(PatternIdSchema, id, 'pattern id');
    const safeKind = parseInput(PatternKindSchema, kind, 'pattern kind');
    return this.relDir === '' ? `${safeKind}/${safeId}.md` : `${this.relDir}/${safeKind}/${safeId}.md`;
  }

  absFile(kind: PatternKind, id: string): string {
    return path.join(this.root, ...this.relFile(kind, id).split('/'));
  }

  /** The same id under every kind folder (ids are unique across kinds; the kind may change). */
  relFilesForId(id: string): string[] {
    return PATTERN_KINDS.map((kind) => this.relFile(kind, id));
  }

  /** Parses `dir/kind/id.md` back; null for anything else (other files, nested folders). */
  parseRel(rel: string): { kind: PatternKind; id: string } | null {
    const prefix = this.relDir === '' ? '' : `${this.relDir}/`;
    if (!rel.startsWith(prefix)) return null;
    const parts = rel.slice(prefix.length).split('/');
    if (parts.length !== 2) return null;
    const [kind, file] = parts as [string, string];
    if (!file.endsWith('.md')) return null;
    const id = file.slice(0, -3);
    const kindResult = PatternKindSchema.safeParse(kind);
    if (!kindResult.success || !PatternIdSchema.safeParse(id).success) return null;
    return { kind: kindResult.data, id };
  }

  /**
   * Creates `dir/kind` if needed. Any symlinked segment is refused (git cannot commit through a
   * symlink, and one could point outside the repository); then the real path of the kind folder
   * must still lie inside the patterns dir.
   */
  async ensureKindDir(kind: PatternKind): Promise<string> {
    const segments = [...(this.relDir === '' ? [] : this.relDir.split('/')), kind];
    let current = this.root;
    for (const segment of segments) {
      current = path.join(current, segment);
      const info = await lstatOrNull(current);
      if (info === null) {
        await mkdir(current).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        });
      } else if (info.isSymbolicLink()) {
        throw new MemoryError(
          'FORBIDDEN',
          `${path.relative(this.root, current)} is a symlink; patterns are not written through links`,
          {
            details: { path: path.relative(this.root, current) },
          },
        );
      } else if (!info.isDirectory()) {
        throw new MemoryError('FORBIDDEN', `${path.relative(this.root, current)} is not a directory`);
      }
    }
    await this.assertInside(current);
    return current;
  }

  /**
   * Checks a pattern file before reading or writing it: its folder must resolve inside the
   * patterns dir and the file must not be a symlink. Returns false when the file does not exist.
   */
  async checkFile(kind: PatternKind, id: string): Promise<boolean> {
    const file = this.absFile(kind, id);
    const folder = path.dirname(file);
    const folderInfo = await lstatOrNull(folder);
    if (folderInfo === null) return false;
    await this.assertInside(folder);
    const info = await lstatOrNull(file);
    if (info === null) return false;
    if (info.isSymbolicLink() || !info.isFile()) {
      throw new MemoryError('FORBIDDEN', `pattern file ${this.relFile(kind, id)} is not a regular file`, {
        details: { id, kind },
      });
    }
    return true;
  }

  private async assertInside(target: string): Promise<void> {
    const [realTarget, realDir] = await Promise.all([realpath(target), this.realDir()]);
    if (!isInside(realDir, realTarget)) {
      throw new MemoryError(
        'FORBIDDEN',
        `${path.relative(this.root, target)} resolves outside the patterns dir`,
        {
          details: { path: path.relative(this.root, target) },
        },
      );
    }
  }

  private async realDir(): Promise<string> {
    const realRoot = await realpath(this.root);
    const resolved = await realpath(this.absDir).catch(() => null);
    if (resolved === null) return realRoot;
    if (!isInside(realRoot, resolved)) {
      throw new MemoryError('FORBIDDEN', `patterns dir ${this.relDir} resolves outside the repository`);
    }
    return resolved;
  }
}

export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

async function lstatOrNull(target: string) {
  try {
    return await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
