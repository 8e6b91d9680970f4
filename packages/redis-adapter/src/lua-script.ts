import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

type ScriptArg = string | number | Buffer;

/** Runs one Lua script: its keys (as many as it declares) first, then its arguments. */
export type ScriptRunner = (keys: string[], args: ScriptArg[]) => Promise<unknown>;

/**
 * A Lua script run by EVALSHA, falling back to EVAL (which also loads it) when the server answers
 * NOSCRIPT: after a restart, a SCRIPT FLUSH, on a new cluster node. Deliberately not ioredis'
 * defineCommand: every script defined that way is copied onto each Pipeline ioredis makes, and
 * with auto-pipelining that is one per flush, so a dozen scripts made every command on the
 * shared client slower (+14 µs of CPU per awaited command, measured), scripts or not.
 */
export function scriptRunner(
  client: Redis | Cluster,
  name: string,
  lua: string,
  keyCount: number,
): ScriptRunner {
  const sha = createHash('sha1').update(lua).digest('hex');
  return (keys, args) => {
    if (keys.length !== keyCount) {
      throw new Error(`script ${name} takes ${keyCount} keys, got ${keys.length}`);
    }
    return client.evalsha(sha, keyCount, ...keys, ...args).catch((error: unknown) => {
      if (!isNoScript(error)) throw error;
      return client.eval(lua, keyCount, ...keys, ...args);
    });
  };
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
