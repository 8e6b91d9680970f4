// Node module hooks that let a plain `node` child process run this package's TypeScript sources
// (Node 20 cannot strip types). The parent test transpiles every source file once, with the
// typescript compiler API, into a JSON map of file URL -> JavaScript; these hooks only serve it.
import { readFileSync } from 'node:fs';

/** @type {Map<string, string>} */
let sources = new Map();

export function initialize(data) {
  sources = new Map(Object.entries(JSON.parse(readFileSync(data.sourcesFile, 'utf8'))));
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    // Sources import siblings as `./x.js` (NodeNext style); the file on disk is `./x.ts`.
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  const source = sources.get(url);
  if (source !== undefined) return { format: 'module', source, shortCircuit: true };
  if (url.endsWith('.ts')) throw new Error(`ts-hooks: ${url} was not transpiled by the parent test`);
  return nextLoad(url, context);
}
