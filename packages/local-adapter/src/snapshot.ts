import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MemoryError } from '@agent-memory/core';
import type { Entry, LocalBackend } from './backend.js';

const FORMAT = 'agent-memory-local-snapshot';
const VERSION = 1;

/** Entries as JSON: the Maps inside streams and collections become [key, value] arrays. */
type SerializedEntry = Record<string, unknown> & { kind: Entry['kind']; expiresAt: number };

interface SnapshotFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  savedAt: number;
  entries: (readonly [string, SerializedEntry])[];
}

function serialize(entry: Entry, now: number): SerializedEntry {
  switch (entry.kind) {
    case 'stream':
      return {
        ...entry,
        groups: [...entry.groups].map(([name, g]) => [name, { ...g, pending: [...g.pending] }]),
      };
    case 'collection':
      return { ...entry, records: [...entry.records].filter(([, row]) => row.expiresAt > now) };
    default:
      return { ...entry };
  }
}

function deserialize(raw: SerializedEntry): Entry {
  switch (raw.kind) {
    case 'stream': {
      const groups = raw.groups as [
        string,
        { lastMs: number; lastSeq: number; pending: [string, never][] },
      ][];
      return {
        ...(raw as unknown as Entry & { kind: 'stream' }),
        groups: new Map(groups.map(([name, g]) => [name, { ...g, pending: new Map(g.pending) }])),
      };
    }
    case 'collection':
      return { ...(raw as unknown as Entry & { kind: 'collection' }), records: new Map(raw.records as []) };
    case 'session':
    case 'list':
    case 'lease':
    case 'counter':
      return raw as unknown as Entry;
    default:
      throw new Error(`unknown entry kind ${JSON.stringify(raw.kind)}`);
  }
}

/**
 * Loads the live entries of `namespace` from a snapshot into the backend; a missing file is an empty
 * snapshot. Entries the backend already holds win (another adapter on it is newer than the file).
 * A file that cannot be read back is CORRUPT_DATA: delete it to start empty.
 */
export function loadSnapshot(path: string, backend: LocalBackend, namespace: string): number {
  const now = backend.now();
  const prefix = `${namespace}:`;
  let loaded = 0;
  for (const [key, raw] of readEntries(path)) {
    if (!key.startsWith(prefix) || raw.expiresAt <= now) continue;
    const entry = corruptIfThrows(path, () => deserialize(raw));
    if (backend.live(key, entry.kind, now)) continue;
    backend.set(key, entry);
    loaded++;
  }
  return loaded;
}

/** The entries of a snapshot file; none when it does not exist. */
function readEntries(path: string): (readonly [string, SerializedEntry])[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new MemoryError('CORRUPT_DATA', `cannot read local snapshot ${path}`, {
      cause: error,
      details: { path },
    });
  }
  return corruptIfThrows(path, () => {
    const file = JSON.parse(text) as Partial<SnapshotFile> | null;
    if (file?.format !== FORMAT || file.version !== VERSION || !Array.isArray(file.entries)) {
      throw new Error(`not a version ${VERSION} ${FORMAT}`);
    }
    for (const item of file.entries) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1]?.expiresAt !== 'number') {
        throw new Error('malformed entry');
      }
    }
    return file.entries;
  });
}

function corruptIfThrows<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new MemoryError(
      'CORRUPT_DATA',
      `local snapshot ${path} is unreadable: ${(error as Error).message}`,
      {
        cause: error,
        details: { path },
      },
    );
  }
}

/**
 * Writes the live entries of `namespace` atomically (a temp file beside the target, then rename).
 * Live entries of other namespaces already in the file are kept, so adapters of several namespaces
 * may share one snapshot file.
 */
export async function saveSnapshot(path: string, backend: LocalBackend, namespace: string): Promise<void> {
  const now = backend.now();
  const prefix = `${namespace}:`;
  const others = readEntries(path).filter(([key, raw]) => !key.startsWith(prefix) && raw.expiresAt > now);
  const file: SnapshotFile = {
    format: FORMAT,
    version: VERSION,
    savedAt: now,
    entries: [
      ...others,
      ...[...backend.entries(prefix, now)].map(([key, entry]) => [key, serialize(entry, now)] as const),
    ],
  };
  const temp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, JSON.stringify(file), { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw new MemoryError('INTERNAL', `cannot write local snapshot ${path}: ${(error as Error).message}`, {
      cause: error,
      details: { path },
    });
  }
}
