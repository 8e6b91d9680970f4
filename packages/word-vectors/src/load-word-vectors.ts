import { readFileSync } from 'node:fs';
import { MemoryError } from '@agent-memory/core';
import { decodeWordTable } from './table-format.js';
import { WordVectors } from './word-vectors.js';

/** The table this package ships (derived by scripts/derive-table.mjs; see data/word-vectors.json). */
export const SHIPPED_TABLE = new URL('../data/word-vectors.bin', import.meta.url);
const SHIPPED_MANIFEST = new URL('../data/word-vectors.json', import.meta.url);

let shipped: WordVectors | undefined;

/**
 * The shipped table, read once per process (a few MB, tens of milliseconds) and shared by every
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
  const vectors = new WordVectors(
    path === undefined ? shippedTableInfo().id : (id ?? `custom:${String(file)}`),
    table,
  );
  if (path === undefined) shipped = vectors;
  return vectors;
}

/** What the shipped table is, from its small manifest: enough to name a vector space before loading it. */
export interface ShippedTableInfo {
  id: string;
  dimensions: number;
}

let info: ShippedTableInfo | undefined;

/**
 * The shipped table's id and dimension without reading the table (a few hundred bytes), so an
 * embedder can say what it is at creation and read the table only when it first embeds. The id
 * carries the table's digest, so a re-derived table is a new vector space.
 */
export function shippedTableInfo(): ShippedTableInfo {
  if (info) return info;
  let manifest: { sha256: string; params: { dimensions: number; words: number } };
  try {
    manifest = JSON.parse(readFileSync(SHIPPED_MANIFEST, 'utf8'));
  } catch (error) {
    throw new MemoryError(
      'NOT_FOUND',
      `cannot read the word-vector manifest ${SHIPPED_MANIFEST.pathname}: ${(error as Error).message}; reinstall @agent-memory/word-vectors`,
    );
  }
  const { dimensions, words } = manifest.params;
  info = {
    id: `glove6b-${Math.round(words / 1024)}k-${dimensions}d-i8-${manifest.sha256.slice(0, 8)}`,
    dimensions,
  };
  return info;
}
