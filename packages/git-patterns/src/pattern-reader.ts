import { MemoryError, type Pattern, type PatternKind } from '@agent-memory/core';
import { readTextOrNull } from './atomic-file.js';
import { parsePatternFile } from './pattern-file.js';
import { PATTERN_KINDS, type PatternPaths } from './pattern-paths.js';

/** A pattern's file as found in the work tree, not yet parsed. */
export interface PatternFileRef {
  kind: PatternKind;
  rel: string;
  abs: string;
  text: string;
}

export interface StoredPattern extends PatternFileRef {
  pattern: Pattern;
}

/**
 * Finds a pattern's file under whichever kind folder holds it (ids are unique across kinds, and
 * an update may move a pattern to another kind). Null when there is none.
 */
export async function findPatternFile(paths: PatternPaths, id: string): Promise<PatternFileRef | null> {
  for (const kind of PATTERN_KINDS) {
    if (!(await paths.checkFile(kind, id))) continue;
    const abs = paths.absFile(kind, id);
    const text = await readTextOrNull(abs);
    if (text !== null) return { kind, rel: paths.relFile(kind, id), abs, text };
  }
  return null;
}

/** The parsed pattern; CORRUPT_DATA when the file is malformed. */
export async function locatePattern(paths: PatternPaths, id: string): Promise<StoredPattern | null> {
  const file = await findPatternFile(paths, id);
  return file ? { ...file, pattern: parseStored(file, id) } : null;
}

export function parseStored(file: PatternFileRef, id: string): Pattern {
  return checkIdentity(parsePatternFile(file.text, file.rel), id, file.kind, file.rel);
}

/** The file name is the id and the folder the kind; front matter that disagrees is corrupt. */
export function checkIdentity(pattern: Pattern, id: string, kind: PatternKind, rel: string): Pattern {
  if (pattern.id !== id || pattern.kind !== kind) {
    throw new MemoryError(
      'CORRUPT_DATA',
      `pattern file ${rel}: front matter says ${pattern.kind}/${pattern.id}`,
      {
        details: { file: rel },
      },
    );
  }
  return pattern;
}
