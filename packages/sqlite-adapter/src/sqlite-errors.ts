import { type ErrorCode, MemoryError } from '@agent-memory/core';

/**
 * Why a SQLite file cannot serve a call. Stable: `details.reason` of the MemoryError, for callers
 * that must tell a full disk from a locked file without reading messages.
 */
export type StoreFault =
  | 'not-a-database'
  | 'foreign-database'
  | 'newer-schema'
  | 'read-only'
  | 'busy'
  | 'disk-full'
  | 'io-error';

const MOVE = 'or point the adapter at another file (the `path` option; AGENT_MEMORY_SQLITE for the CLI)';

const FAULTS: Record<
  StoreFault,
  { code: ErrorCode; text: (file: string, d: Record<string, unknown>) => string }
> = {
  'not-a-database': {
    code: 'CORRUPT_DATA',
    text: (f) =>
      `${f} is not a SQLite database (or is damaged): move it aside and a new one is created there, ${MOVE}`,
  },
  'foreign-database': {
    code: 'CORRUPT_DATA',
    text: (f) =>
      `${f} is a SQLite database of another program, not an agent-memory file: leave it alone and ${MOVE.slice(3)}`,
  },
  'newer-schema': {
    code: 'CORRUPT_DATA',
    text: (f, d) =>
      `${f} was written by a newer agent-memory (schema ${String(d.version)}; this version reads up to ` +
      `${String(d.supported)}): upgrade @agent-memory/sqlite-adapter (agent-memory), ${MOVE}`,
  },
  'read-only': {
    code: 'FORBIDDEN',
    text: (f) =>
      `cannot write ${f}: the file or its directory is read-only or not accessible (SQLite also creates ` +
      `${f}-wal and ${f}-shm beside it): make the directory writable, ${MOVE}`,
  },
  busy: {
    code: 'BACKEND_UNAVAILABLE',
    text: (f, d) =>
      `${f} stayed locked by another connection for longer than the busy timeout (${String(d.busyTimeoutMs)} ms); ` +
      'nothing was written: retry, find the process holding a long write, or raise busyTimeoutMs',
  },
  'disk-full': {
    code: 'BACKEND_UNAVAILABLE',
    text: (f) =>
      `${f}: the disk (or the database size limit) is full; nothing of this write was stored: free disk space, ${MOVE}`,
  },
  'io-error': {
    code: 'BACKEND_UNAVAILABLE',
    text: (f) => `${f}: the operating system reported an I/O error; check the disk and the file, ${MOVE}`,
  },
};

/** The MemoryError for a fault of `file`, with `details.reason` and `details.file`. */
export function storeError(
  reason: StoreFault,
  file: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): MemoryError {
  const fault = FAULTS[reason];
  return new MemoryError(fault.code, fault.text(file, details), {
    details: { ...details, reason, file },
    ...(cause === undefined ? {} : { cause }),
  });
}

// SQLite result codes (extended ones start with their primary code) and errno of file-system calls.
const BY_PREFIX: [string, StoreFault][] = [
  ['SQLITE_NOTADB', 'not-a-database'],
  ['SQLITE_CORRUPT', 'not-a-database'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_CANTOPEN', 'read-only'],
  ['SQLITE_PERM', 'read-only'],
  ['SQLITE_AUTH', 'read-only'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_FULL', 'disk-full'],
  ['SQLITE_IOERR', 'io-error'],
  ['EACCES', 'read-only'],
  ['EPERM', 'read-only'],
  ['EROFS', 'read-only'],
  ['ENOSPC', 'disk-full'],
];

/** The fault a driver or file-system error means, or undefined for anything else. */
export function faultOf(error: unknown): StoreFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  // SQLITE_IOERR_NOMEM and friends are not the disk; an extended code wins over its prefix
  if (code === 'SQLITE_IOERR_NOMEM') return undefined;
  return BY_PREFIX.find(([prefix]) => code.startsWith(prefix))?.[1];
}

/**
 * Turns anything thrown inside a call into a MemoryError: MemoryErrors pass through, SQLite and
 * file-system faults name the file and the fix, anything else is INTERNAL naming the operation.
 */
export function toStoreError(
  error: unknown,
  file: string,
  operation: string,
  busyTimeoutMs: number,
): MemoryError {
  if (error instanceof MemoryError) return error;
  const fault = faultOf(error);
  if (fault) return storeError(fault, file, { operation, busyTimeoutMs }, error);
  const text = error instanceof Error ? error.message : String(error);
  return new MemoryError('INTERNAL', `sqlite ${operation} on ${file} failed: ${text}`, {
    cause: error,
    details: { operation, file },
  });
}
