import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { IdSchema, MemoryError, NamespaceSchema, TimestampSchema, toMemoryError } from 'agent-memory';
import { z } from 'zod';
import { RoleNameSchema } from '../agent-roles.js';

/** The file issued tokens are kept in, beside `server-token` in the data home (decision 0015). */
export const TOKENS_FILE = 'tokens.json';

/** One issued credential. The token itself is never stored: only its SHA-256. */
export const TokenRecordSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]{12}$/),
    /** Hex SHA-256 of the whole token. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    agentId: IdSchema,
    role: RoleNameSchema,
    /** Namespaces it may use; `*` for every namespace the server serves. */
    namespaces: z.array(z.union([NamespaceSchema, z.literal('*')])).min(1),
    label: z.string().max(200).optional(),
    createdAt: TimestampSchema,
    expiresAt: TimestampSchema.optional(),
    revokedAt: TimestampSchema.optional(),
  })
  .strict();
export type TokenRecord = z.infer<typeof TokenRecordSchema>;

const TokenFileSchema = z.object({ version: z.literal(1), tokens: z.array(TokenRecordSchema) }).strict();

/** What identifies one version of the file: a change by any process changes it (writes rename). */
export interface FileVersion {
  ino: number;
  mtimeMs: number;
  size: number;
}

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/** Reads and atomically rewrites the tokens file (mode 0600), one writer at a time. */
export class TokenFile {
  constructor(readonly path: string) {}

  /** The file's version, or null when it does not exist. */
  async version(): Promise<FileVersion | null> {
    try {
      const info = await stat(this.path);
      return { ino: info.ino, mtimeMs: info.mtimeMs, size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw toMemoryError(error, 'INTERNAL', `reading the tokens file ${this.path}`);
    }
  }

  /** Every record; none when the file does not exist. CORRUPT_DATA when it is not ours. */
  async read(): Promise<TokenRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw toMemoryError(error, 'INTERNAL', `reading the tokens file ${this.path}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = TokenFileSchema.safeParse(json);
    if (!parsed.success) {
      throw new MemoryError(
        'CORRUPT_DATA',
        `the tokens file ${this.path} is not a valid agent-memory tokens file: fix or remove it`,
        { issues: parsed.success ? [] : parsed.error.issues },
      );
    }
    return parsed.data.tokens;
  }

  /** Read-modify-write under a lock, so two `tokens` commands never lose each other's change. */
  async update<T>(change: (records: TokenRecord[]) => { records: TokenRecord[]; result: T }): Promise<T> {
    const lock = `${this.path}.lock`;
    await this.#lock(lock);
    try {
      const { records, result } = change(await this.read());
      const text = `${JSON.stringify({ version: 1, tokens: records }, null, 2)}\n`;
      const temp = join(dirname(this.path), `.${TOKENS_FILE}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temp, text, { mode: 0o600 });
        await rename(temp, this.path);
      } catch (error) {
        await rm(temp, { force: true });
        throw toMemoryError(error, 'INTERNAL', `writing the tokens file ${this.path}`);
      }
      return result;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }

  async #lock(lock: string): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw toMemoryError(error, 'INTERNAL', `creating ${dirname(this.path)}`);
    }
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await mkdir(lock); // atomic: exactly one process creates it
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw toMemoryError(error, 'INTERNAL', `locking the tokens file ${this.path}`);
        }
      }
      const held = await stat(lock).catch(() => null);
      // A lock left by a process that died mid-write is taken over once it is clearly stale.
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) {
        throw new MemoryError(
          'CONFLICT',
          `the tokens file ${this.path} is locked by another process (${lock}); retry, or remove the lock if no agent-memory command is running`,
        );
      } else await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
