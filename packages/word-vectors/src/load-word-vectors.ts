import { readFileSync } from 'node:fs';
import { MemoryError } from '@agent-memory/core';
import { decodeWordTable } from './table-format.js';
import { WordVectors } from './word-vectors.js';

/** The table this package ships (derived by scripts/derive-table.mjs; see data/word-vectors.json). */
export const SHIPPED_TABLE = new URL('../data/word-vectors.bin', import.meta.url);
const SHIPPED_MANIFEST = new URL('../data/word-vectors.json', import.meta.url);

let shipped: WordVectors | undefined;

/**
 * The shipped table, read once per process (~9 MB, tens of milliseconds) and shared by every
 * caller; or, given a path, the table at that path with `id` naming it (not cached).
 */
export function loadWordVectors(path?: URL | string, id?: string): WordVectors {
  if (path === undefined && shipped) return shipped;
  const file = path ?? SHIPPED_TABLE;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new MemoryError(
      'NOT_FOUND',
      `cannot read the word-vector table ${String(file)}: ${(error as Error).message}; reinstall @agent-memory/word-vectors`,
    );
  }
  const table = decodeWordTable(bytes, String(file));
  const vectors = new WordVectors(path === undefined ? shippedId() : (id ?? `custom:${String(file)}`), table);
  if (path === undefined) shipped = vectors;
  return vectors;
}

// The id carries the table's digest from its manifest, so a re-derived table is a new vector space.
function shippedId(): string {
  const manifest = JSON.parse(readFileSync(SHIPPED_MANIFEST, 'utf8')) as { sha256: string };
  return `glove6b-65k-100d-i8-${manifest.sha256.slice(0, 8)}`;
}
