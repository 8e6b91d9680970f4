import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import { type ScriptRunner, scriptRunner } from './lua-script.js';

/**
 * The Lua scripts of lua/ with how many KEYS each takes, and the lua/lib/ helpers each uses
 * (prepended when the script is loaded: Redis scripts cannot require one another). They live
 * outside src/ so the same `../lua/` URL resolves from src/ (tests) and from dist/ (published package).
 */
interface ScriptSpec {
  file: string;
  keys: number;
  uses?: readonly string[];
}

const SCRIPTS = {
  sessionStart: { file: 'session_start', keys: 1 },
  sessionUpdate: { file: 'session_update', keys: 1 },
  sessionTtl: { file: 'session_ttl', keys: 1 },
  listPush: { file: 'list_push', keys: 1 },
  leaseAcquire: { file: 'lease_acquire', keys: 2, uses: ['expiry'] },
  leaseRenew: { file: 'lease_renew', keys: 2, uses: ['expiry'] },
  leaseRelease: { file: 'lease_release', keys: 2 },
  leaseGet: { file: 'lease_get', keys: 2, uses: ['expiry'] },
  logAppend: { file: 'log_append', keys: 1 },
  logCreateGroup: { file: 'log_create_group', keys: 1 },
  recordPut: { file: 'record_put', keys: 2, uses: ['expiry'] },
  recordGet: { file: 'record_get', keys: 1, uses: ['expiry'] },
  recordList: { file: 'record_list', keys: 1, uses: ['expiry'] },
  recordDelete: { file: 'record_delete', keys: 2 },
} as const satisfies Record<string, ScriptSpec>;

export type ScriptName = keyof typeof SCRIPTS;

/** Runs a script: keys first (their count is fixed per script), then arguments. */
export type Scripts = Record<ScriptName, ScriptRunner>;

const sources = new Map<ScriptName, string>();

function source(name: ScriptName): string {
  let lua = sources.get(name);
  if (lua === undefined) {
    const { file, uses = [] }: ScriptSpec = SCRIPTS[name];
    const libraries = uses.map((lib) =>
      readFileSync(new URL(`../lua/lib/${lib}.lua`, import.meta.url), 'utf8'),
    );
    lua = [...libraries, readFileSync(new URL(`../lua/${file}.lua`, import.meta.url), 'utf8')].join('\n');
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
