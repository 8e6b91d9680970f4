import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { assertId, MemoryError, NamespaceSchema, parseInput } from 'agent-memory';
import { z } from 'zod';
import { RoleNameSchema } from '../agent-roles.js';
import { type FileVersion, TOKENS_FILE, TokenFile, type TokenRecord } from './token-file.js';

/** `amt_<12-character id>_<43-character secret>`: the id is public (list, revoke, audit), the secret is not. */
export const ISSUED_TOKEN = /^amt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const TOKEN_PREFIX = 'amt_';
// 32 symbols, so `byte % 32` picks each with the same probability.
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export const TokenCreateSchema = z
  .object({
    agentId: z.string(),
    role: RoleNameSchema.default('contributor'),
    namespaces: z.array(z.union([NamespaceSchema, z.literal('*')])).min(1),
    label: z.string().max(200).optional(),
    /** Epoch ms after which the token is refused as expired. */
    expiresAt: z.number().int().positive().optional(),
  })
  .strict();
export type TokenCreateInput = z.input<typeof TokenCreateSchema>;

/** A record as listed: everything but the hash. */
export type TokenInfo = Omit<TokenRecord, 'hash'>;

export type TokenCheck =
  | { status: 'ok'; record: TokenRecord }
  | { status: 'expired' | 'revoked'; record: TokenRecord }
  | { status: 'invalid' };

// Compared against when the id is unknown, so an unknown id costs what a known one does.
const NO_SUCH_TOKEN = createHash('sha256').update('agent-memory: no such token').digest();

/**
 * Issued tokens, kept hashed in `<dataDir>/tokens.json` (decision 0015). The CLI creates, lists and
 * revokes; the server verifies, re-reading the file whenever another process changed it, so a
 * revocation takes effect on the next request.
 */
export class TokenStore {
  readonly file: TokenFile;
  #records = new Map<string, TokenRecord>();
  #version: FileVersion | null = null;
  #loading: Promise<void> | undefined;

  constructor(path: string) {
    this.file = new TokenFile(path);
  }

  /** The store of a data home: `<dataDir>/tokens.json`. */
  static inDataDir(dataDir: string): TokenStore {
    return new TokenStore(join(dataDir, TOKENS_FILE));
  }

  /** Issues a token; the returned `token` is shown once and never stored. */
  async create(input: TokenCreateInput, now = Date.now()): Promise<{ token: string; info: TokenInfo }> {
    const parsed = parseInput(TokenCreateSchema, input, 'token');
    const agentId = assertId(parsed.agentId, 'agent id');
    if (parsed.expiresAt !== undefined && parsed.expiresAt <= now) {
      throw new MemoryError('INVALID_INPUT', 'the expiry of a new token must lie in the future', {
        details: { field: 'expiresAt' },
      });
    }
    const id = Array.from(randomBytes(12), (byte) => ID_ALPHABET[byte % 32]).join('');
    const token = `${TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
    const record: TokenRecord = {
      id,
      hash: digest(token).toString('hex'),
      agentId,
      role: parsed.role,
      namespaces: [...new Set(parsed.namespaces)],
      ...(parsed.label === undefined ? {} : { label: parsed.label }),
      createdAt: new Date(now).toISOString(),
      ...(parsed.expiresAt === undefined ? {} : { expiresAt: new Date(parsed.expiresAt).toISOString() }),
    };
    await this.file.update((records) => ({ records: [...records, record], result: undefined }));
    return { token, info: withoutHash(record) };
  }

  /** Every issued token (revoked and expired ones too), oldest first, without hashes. */
  async list(): Promise<TokenInfo[]> {
    return (await this.file.read()).map(withoutHash);
  }

  /** Revokes a token by id; NOT_FOUND for an unknown id. Already revoked: unchanged. */
  async revoke(id: string, now = Date.now()): Promise<TokenInfo> {
    return this.file.update((records) => {
      const index = records.findIndex((record) => record.id === id);
      const found = records[index];
      if (!found) {
        throw new MemoryError('NOT_FOUND', `no token with id "${id}": see \`agent-memory tokens list\``, {
          details: { tokenId: id },
        });
      }
      const revoked = found.revokedAt ? found : { ...found, revokedAt: new Date(now).toISOString() };
      const next = [...records];
      next[index] = revoked;
      return { records: next, result: withoutHash(revoked) };
    });
  }

  /**
   * Checks a token of the `amt_` form. The hash comparison is constant-time and runs whether or not
   * the id exists, and expiry and revocation are only told to a caller who holds the whole token.
   */
  async check(token: string, now = Date.now()): Promise<TokenCheck> {
    await this.#refresh();
    const id = ISSUED_TOKEN.exec(token)?.[1];
    const record = id === undefined ? undefined : this.#records.get(id);
    const expected = record ? Buffer.from(record.hash, 'hex') : NO_SUCH_TOKEN;
    const matches = timingSafeEqual(expected, digest(token));
    if (!record || !matches) return { status: 'invalid' };
    if (record.revokedAt !== undefined) return { status: 'revoked', record };
    if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now) {
      return { status: 'expired', record };
    }
    return { status: 'ok', record };
  }

  /** One stat per check; the file is parsed again only when some process rewrote it. */
  async #refresh(): Promise<void> {
    while (this.#loading) await this.#loading;
    const version = await this.file.version();
    if (sameVersion(version, this.#version)) return;
    this.#loading = (async () => {
      const records = version === null ? [] : await this.file.read();
      this.#records = new Map(records.map((record) => [record.id, record]));
      this.#version = version;
    })().finally(() => {
      this.#loading = undefined;
    });
    await this.#loading;
  }
}

export function isIssuedTokenShape(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function withoutHash({ hash: _hash, ...info }: TokenRecord): TokenInfo {
  return info;
}

function sameVersion(a: FileVersion | null, b: FileVersion | null): boolean {
  if (a === null || b === null) return a === b;
  return a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}
