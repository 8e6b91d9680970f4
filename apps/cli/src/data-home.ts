import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the CLI keeps its own files (the local snapshot, serve's Redis data): $XDG_DATA_HOME/agent-memory
 * when that is set, ~/.agent-memory otherwise.
 */
export function dataHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'agent-memory');
  return join(env.HOME || homedir(), '.agent-memory');
}

export function defaultRedisDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataHome(env), 'redis');
}
