import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryError } from '@agent-memory/core';

/** One file of the codebase under review. */
export interface SourceFile {
  /** Repository-relative path with forward slashes, e.g. `src/db/user-repository.ts`. */
  path: string;
  content: string;
  /** Short content hash: a pattern learned from this exact content is still true while it matches. */
  fingerprint: string;
}

/** The codebase shipped with the demo; resolves the same from src/ (tests) and dist/ (the CLI). */
export const SAMPLE_CODEBASE_DIR = fileURLToPath(new URL('../sample-codebase/', import.meta.url));

/** Every source file under `<root>/src`, sorted by path so task order is stable. */
export async function loadCodebase(root: string = SAMPLE_CODEBASE_DIR): Promise<SourceFile[]> {
  try {
    const files = await listFiles(path.join(root, 'src'));
    const out: SourceFile[] = [];
    for (const file of files.sort()) {
      const content = await readFile(file, 'utf8');
      out.push({
        path: path.relative(root, file).split(path.sep).join('/'),
        content,
        fingerprint: fingerprintOf(content),
      });
    }
    return out;
  } catch (error) {
    throw new MemoryError('NOT_FOUND', `cannot read the sample codebase at ${root}`, { cause: error });
  }
}

export function fingerprintOf(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 12);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return Promise.resolve(entry.isFile() && /\.(ts|js)$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}
