import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A fresh temporary directory for one test file, removed after it. Each call of `file()` names a
 * new database file in it, so tests never share a file unless they mean to.
 */
export function useTempDir(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `agent-memory-${prefix}-`));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file: (name = `db-${++n}`) => path.join(dir, `${name}.db`),
  };
}
