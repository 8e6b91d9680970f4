import { mkdirSync } from 'node:fs';
import { MemoryError } from '@agent-memory/core';
import type { RedisServer } from '@agent-memory/redis-server';

export interface ManagedRedisOptions {
  /** Where Redis should be: `redis://host:port`. Only loopback URLs are started by us. */
  url: string;
  /** Data directory for AOF files; created when missing. */
  dataDir: string;
  /** AOF persistence (default on, fsync every second) so a restart loses at most ~1 s. */
  appendonly?: boolean;
  appendfsync?: 'always' | 'everysec' | 'no';
  /** Leave the server running after this process exits. */
  detached?: boolean;
  probeTimeoutMs?: number;
}

export type ManagedRedis =
  | { started: false; url: string; reason: 'already-running' }
  | { started: true; url: string; server: RedisServer };

const INSTALL_HINT =
  'Install Redis to share memory between processes (Debian/Ubuntu: `sudo apt-get install redis-server`, ' +
  'macOS: `brew install redis`), or run with --local to keep memory in this process only.';

/**
 * What `agent-memory serve` does first: use the Redis at `url` if it answers, otherwise start a
 * redis-server there (loopback only) with AOF on, and hand back the handle to stop it on exit.
 */
export async function ensureRedis(options: ManagedRedisOptions): Promise<ManagedRedis> {
  const target = parseRedisTarget(options.url);
  // Only `serve` manages a Redis: everything else importing agent-memory does not load this.
  const { findExecutable, pingOnce, startRedisServer } = await import('@agent-memory/redis-server');
  if (await pingOnce(target.host, target.port, options.probeTimeoutMs ?? 500)) {
    return { started: false, url: options.url, reason: 'already-running' };
  }
  if (!['127.0.0.1', 'localhost', '::1'].includes(target.host)) {
    throw new MemoryError(
      'BACKEND_UNAVAILABLE',
      `Redis at ${target.host}:${target.port} does not answer, and serve only starts Redis on this machine (127.0.0.1).`,
    );
  }
  if (!findExecutable('redis-server') && !process.env.REDIS_SERVER_BIN) {
    throw new MemoryError(
      'BACKEND_UNAVAILABLE',
      `No Redis answers at ${target.host}:${target.port} and redis-server is not installed. ${INSTALL_HINT}`,
    );
  }
  mkdirSync(options.dataDir, { recursive: true });
  const aof = options.appendonly ?? true;
  try {
    const server = await startRedisServer({
      port: target.port,
      host: target.host === 'localhost' ? '127.0.0.1' : target.host,
      dir: options.dataDir,
      detached: options.detached ?? false,
      args: aof ? ['--appendonly', 'yes', '--appendfsync', options.appendfsync ?? 'everysec'] : [],
    });
    return { started: true, url: server.url, server };
  } catch (error) {
    throw new MemoryError(
      'BACKEND_UNAVAILABLE',
      `could not start redis-server: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** host and port of a redis:// URL (credentials never leave this function). */
export function parseRedisTarget(url: string): { host: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new MemoryError('INVALID_INPUT', 'invalid Redis URL: expected redis://host:port', { cause: error });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new MemoryError(
      'INVALID_INPUT',
      `invalid Redis URL: protocol must be redis: or rediss:, got ${parsed.protocol}`,
    );
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return { host, port: parsed.port ? Number(parsed.port) : 6379 };
}
