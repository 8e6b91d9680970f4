// `node --import ./register-ts-hooks.mjs`: installs ts-hooks.mjs with the parent's transpiled sources.
import { register } from 'node:module';

const sourcesFile = process.env.SQLITE_ADAPTER_TS_SOURCES;
if (!sourcesFile) throw new Error('SQLITE_ADAPTER_TS_SOURCES is not set');
register('./ts-hooks.mjs', import.meta.url, { data: { sourcesFile } });
