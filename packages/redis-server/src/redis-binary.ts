import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const INSTALL_HINT =
  'redis-server was not found on PATH and REDIS_URL is not set. Install Redis ' +
  '(Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`) ' +
  'or point REDIS_URL at a server you own, e.g. REDIS_URL=redis://127.0.0.1:6379.';

/** Finds an executable on PATH without spawning a shell. */
export function findExecutable(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

export function requireRedisServerBinary(): string {
  const bin = process.env.REDIS_SERVER_BIN ?? findExecutable('redis-server');
  if (!bin) throw new Error(INSTALL_HINT);
  return bin;
}

export function requireRedisCliBinary(): string {
  const bin = process.env.REDIS_CLI_BIN ?? findExecutable('redis-cli');
  if (!bin) throw new Error(INSTALL_HINT.replace('redis-server was', 'redis-cli was'));
  return bin;
}
