import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';

/**
 * The Lua scripts of lua/ with how many KEYS each takes. They live outside src/ so the same
 * `../lua/` URL resolves from src/ (tests) and from dist/ (published package).
 */
const SCRIPTS = {
  sessionStart: { file: 'session_start', keys: 1 },
  sessionUpdate: { file: 'session_update', keys: 1 },
  sessionTtl: { file: 'session_ttl', keys: 1 },
  leaseAcquire: { file: 'lease_acquire', keys: 2 },
  leaseRenew: { file: 'lease_renew', keys: 2 },
  leaseRelease: { file: 'lease_release', keys: 2 },
  leaseGet: { file: 'lease_get', keys: 2 },
  logCreateGroup: { file: 'log_create_group', keys: 1 },
  recordPut: { file: 'record_put', keys: 2 },
  recordGet: { file: 'record_get', keys: 1 },
  recordList: { file: 'record_list', keys: 1 },
  recordDelete: { file: 'record_delete', keys: 2 },
} as const;

export type ScriptName = keyof typeof SCRIPTS;
type ScriptArg = string | number;

/** Runs a registered script: keys first (their count is fixed per script), then arguments. */
export type Scripts = Record<ScriptName, (keys: string[], args: ScriptArg[]) => Promise<unknown>>;

const sources = new Map<ScriptName, string>();

function source(name: ScriptName): string {
  let lua = sources.get(name);
  if (lua === undefined) {
    lua = readFileSync(new URL(`../lua/${SCRIPTS[name].file}.lua`, import.meta.url), 'utf8');
    sources.set(name, lua);
  }
  return lua;
}

// Command names carry a prefix so they cannot shadow a real command on a client the caller shares.
const commandName = (name: ScriptName) => `agentMemory_${name}`;

type ScriptCommand = (...keysAndArgs: ScriptArg[]) => Promise<unknown>;

/**
 * Registers every script on the client with defineCommand (EVALSHA, falling back to EVAL on
 * NOSCRIPT, so a restarted server or a new cluster node just works).
 */
export function registerScripts(client: Redis | Cluster): Scripts {
  const scripts = {} as Scripts;
  for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
    const command = commandName(name);
    if (!(command in client)) {
      client.defineCommand(command, { numberOfKeys: SCRIPTS[name].keys, lua: source(name) });
    }
    scripts[name] = (keys, args) => {
      if (keys.length !== SCRIPTS[name].keys) {
        throw new Error(`script ${name} takes ${SCRIPTS[name].keys} keys, got ${keys.length}`);
      }
      const run = (client as unknown as Record<string, ScriptCommand>)[command]!;
      return run.call(client, ...keys, ...args);
    };
  }
  return scripts;
}
