export { APPLICATION_ID, SCHEMA_VERSION } from './schema.js';
export type { SessionListFilter, SqliteSessionStore } from './session-store.js';
export {
  createSqliteAdapter,
  type SqliteAdapter,
  type SqliteFileStatus,
} from './sqlite-adapter.js';
export {
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_EVENT_POLL_MS,
  DEFAULT_SWEEP_INTERVAL_MS,
  type SqliteAdapterOptions,
  SqliteAdapterOptionsSchema,
} from './sqlite-adapter-options.js';
export type { StoreFault } from './sqlite-errors.js';
