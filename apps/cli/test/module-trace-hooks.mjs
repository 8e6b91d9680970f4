// Module hooks (they run on the loader thread): every module the process resolves, ESM or CommonJS
// imported from ESM, is appended as a URL line to the file the main thread names.
import { appendFileSync } from 'node:fs';

let out;

export function initialize(data) {
  out = data.out;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(out, `${result.url}\n`);
  return result;
}
