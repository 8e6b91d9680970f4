import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import { type ScriptRunner, scriptRunner } from './lua-script.js';

/**
 * The Lua scripts of lua/ with how many KEYS each takes. They live outside src/ so the same
 * `../lua/` URL resolves from src/ (tests) and from dist/ (published package).
 */
const SCRIPTS = {
  sessionStart: { file: 'session_start', keys: 1 },
  sessionUpdate: { file: 'session_update', keys: 1 },
  sessionTtl: { file: 'session_ttl', keys: 1 },
  listPush: { file: 'list_push', keys: 1 },
  leaseAcquire: { file: 'lease_acquire', keys: 2 },
  leaseRenew: { file: 'lease_renew', keys: 2 },
  leaseRelease: { file: 'lease_release', keys: 2 },
  leaseGet: { file: 'lease_get', keys: 2 },
  logAppend: { file: 'log_append', keys: 1 },
  logCreateGroup: { file: 'log_create_group', keys: 1 },
  recordPut: { file: 'record_put', keys: 2 },
  recordGet: { file: 'record_get', keys: 1 },
  recordList: { file: 'record_list', keys: 1 },
  recordDelete: { file: 'record_delete', keys: 2 },
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Runs a script: keys first (their count is fixed per script), then arguments. */
export type Scripts = Record<ScriptName, ScriptRunner>;

const sources = new Map<ScriptName, string>();

function source(name: ScriptName): string {
  let lua = sources.get(name);
  if (lua === undefined) {
    lua = readFileSync(new URL(`../lua/${SCRIPTS[name].file}.lua`, import.meta.url), 'utf8');
    sources.set(name, lua);
  }
  return lua;
}

/** Every script of lua/, run on `client` by EVALSHA (see scriptRunner). */
export function registerScripts(client: Redis | Cluster): Scripts {
  const scripts = {} as Scripts;
  for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
    scripts[name] = scriptRunner(client, name, source(name), SCRIPTS[name].keys);
  }
  return scripts;
}
