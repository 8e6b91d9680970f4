import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import { scriptRunner } from './lua-script.js';

// The vector scripts, run like scripts.ts runs the others (EVALSHA with a fallback to EVAL on
// NOSCRIPT) but taking binary arguments: vectors travel as raw float32 bytes.
const VECTOR_SCRIPTS = {
  upsert: 'vector_upsert',
  remove: 'vector_remove',
  changes: 'vector_changes',
} as const;

type VectorScriptName = keyof typeof VECTOR_SCRIPTS;
type Arg = string | number | Buffer;

/** Every vector script takes the collection's four keys (see core's vectorKeys) and its arguments. */
export type VectorScripts = Record<VectorScriptName, (keys: string[], args: Arg[]) => Promise<unknown>>;

export function registerVectorScripts(client: Redis | Cluster): VectorScripts {
  const scripts = {} as VectorScripts;
  for (const name of Object.keys(VECTOR_SCRIPTS) as VectorScriptName[]) {
    const lua = readFileSync(new URL(`../lua/${VECTOR_SCRIPTS[name]}.lua`, import.meta.url), 'utf8');
    scripts[name] = scriptRunner(client, `vector ${name}`, lua, 4);
  }
  return scripts;
}
