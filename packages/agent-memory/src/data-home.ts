import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where agent-memory keeps its own files on this machine (the embedded database, serve's Redis
 * data, the server token): `$XDG_DATA_HOME/agent-memory` when that is set, `~/.agent-memory` otherwise.
 */
export function dataHome(env: Env = process.env): string {
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'agent-memory');
  return join(env.HOME || homedir(), '.agent-memory');
}

/** The embedded store every process of this user shares: `AGENT_MEMORY_SQLITE`, else `<data home>/memory.db`. */
export function defaultSqlitePath(env: Env = process.env): string {
  return env.AGENT_MEMORY_SQLITE || join(dataHome(env), 'memory.db');
}

/** Where the in-process adapter of earlier versions kept its snapshot (imported once, then renamed). */
export function legacySnapshotPath(env: Env = process.env): string {
  return join(dataHome(env), 'local-snapshot.json');
}
