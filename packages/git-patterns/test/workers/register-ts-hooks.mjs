// `node --import ./register-ts-hooks.mjs`: installs ts-hooks.mjs with the parent's transpiled sources.
import { register } from 'node:module';

const sourcesFile = process.env.GIT_PATTERNS_TS_SOURCES;
if (!sourcesFile) throw new Error('GIT_PATTERNS_TS_SOURCES is not set');
register('./ts-hooks.mjs', import.meta.url, { data: { sourcesFile } });
