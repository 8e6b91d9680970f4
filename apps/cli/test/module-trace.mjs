// `node --import <this file> …` with AGENT_MEMORY_MODULE_TRACE=<file>: the file receives every
// module the process loaded, one URL a line. ESM imports come from the resolve hook; CommonJS
// modules required from CommonJS (which skip ESM hooks on Node 20) from require.cache at exit.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.AGENT_MEMORY_MODULE_TRACE;
if (out) {
  register('./module-trace-hooks.mjs', import.meta.url, { data: { out } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    appendFileSync(
      out,
      Object.keys(cache)
        .map((file) => `${pathToFileURL(file).href}\n`)
        .join(''),
    );
  });
}
