import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryError, toMemoryError } from 'agent-memory';

export const TOKEN_FILE = 'server-token';
const MIN_TOKEN_LENGTH = 16;

export interface AccessToken {
  token: string;
  /** Where it is kept; undefined for a configured or a throwaway token. */
  file: string | undefined;
  /** True when this call generated it: the caller prints it once. */
  created: boolean;
}

/**
 * The bearer token: the configured one, else the one persisted under `dataDir`, else a new random
 * one (saved there with owner-only permissions when a dataDir is given).
 */
export async function resolveAccessToken(options: {
  token?: string;
  dataDir?: string;
}): Promise<AccessToken> {
  if (options.token !== undefined) {
    if (options.token.length < MIN_TOKEN_LENGTH) {
      throw new MemoryError(
        'INVALID_INPUT',
        `the access token must be at least ${MIN_TOKEN_LENGTH} characters`,
        {
          details: { field: 'token' },
        },
      );
    }
    return { token: options.token, file: undefined, created: false };
  }
  if (options.dataDir === undefined) return { token: generateToken(), file: undefined, created: true };
  const file = join(options.dataDir, TOKEN_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= MIN_TOKEN_LENGTH) return { token: stored, file, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw toMemoryError(error, 'INTERNAL', `reading the access token file ${file}`);
    }
  }
  const token = generateToken();
  try {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${token}\n`, { mode: 0o600 });
  } catch (error) {
    throw toMemoryError(error, 'INTERNAL', `saving the access token to ${file}`);
  }
  return { token, file, created: true };
}

function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (over digests, so lengths do not leak either). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
