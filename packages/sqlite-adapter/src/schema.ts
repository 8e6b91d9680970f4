import type { Database } from 'better-sqlite3';
import { storeError } from './sqlite-errors.js';

/**
 * The version of the tables below, kept in `PRAGMA user_version`. A file with a higher version was
 * written by a newer agent-memory and is refused rather than misread; a lower one is migrated.
 */
export const SCHEMA_VERSION = 1;

/** `PRAGMA application_id` of an agent-memory file ("AMEM"): another program's database is refused. */
export const APPLICATION_ID = 0x414d454d;

// Every table carries the namespace, so several namespaces (teams, tests) share one file and never
// see each other. Expiry is a stored epoch-ms `expires_at`: queries treat `expires_at <= now` as
// gone at once, and the periodic sweep deletes such rows later. Child rows (list items, stream
// entries, vector items) live and die with their parent row, which carries the expiry.
const TABLES_V1 = `
CREATE TABLE sessions (
  ns TEXT NOT NULL, id TEXT NOT NULL, user_id TEXT NOT NULL, project TEXT NOT NULL,
  started_at TEXT NOT NULL, context TEXT NOT NULL, fields TEXT NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (ns, id));
CREATE INDEX sessions_by_user ON sessions (ns, user_id);

-- conversation windows (kind 'w') and findings per task (kind 'f'): items numbered in push order
-- (value set), then, at seq 2^53-1 after them, the list's head row (next_seq and expires_at set):
-- a push then writes its item and the head on one page
CREATE TABLE list_items (
  ns TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, seq INTEGER NOT NULL, value TEXT,
  next_seq INTEGER, expires_at INTEGER,
  PRIMARY KEY (ns, kind, name, seq)) WITHOUT ROWID;

-- one row per resource: the lease (owner NULL once released, expires_at its lapse) and the fence,
-- the last token issued, which outlives leases (fence_expires_at) so tokens keep rising across
-- claims; one row, so a claim writes one page
CREATE TABLE leases (
  ns TEXT NOT NULL, resource TEXT NOT NULL, owner TEXT, token INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, fence_expires_at INTEGER NOT NULL,
  PRIMARY KEY (ns, resource)) WITHOUT ROWID;

CREATE TABLE records (
  ns TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL,
  version INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (ns, collection, id)) WITHOUT ROWID;

CREATE TABLE streams (
  ns TEXT NOT NULL, name TEXT NOT NULL, last_ms INTEGER NOT NULL, last_seq INTEGER NOT NULL,
  length INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (ns, name)) WITHOUT ROWID;
CREATE TABLE stream_entries (
  ns TEXT NOT NULL, name TEXT NOT NULL, ms INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (ns, name, ms, seq)) WITHOUT ROWID;
CREATE TABLE stream_groups (
  ns TEXT NOT NULL, name TEXT NOT NULL, grp TEXT NOT NULL, last_ms INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (ns, name, grp)) WITHOUT ROWID;
CREATE TABLE stream_pending (
  ns TEXT NOT NULL, name TEXT NOT NULL, grp TEXT NOT NULL, ms INTEGER NOT NULL, seq INTEGER NOT NULL,
  consumer TEXT NOT NULL, delivered_at INTEGER NOT NULL, deliveries INTEGER NOT NULL,
  PRIMARY KEY (ns, name, grp, ms, seq)) WITHOUT ROWID;

-- gen identifies one life of a collection (AUTOINCREMENT never reuses it), rev its last write:
-- what in-process search mirrors compare to know whether they are current
CREATE TABLE vector_collections (
  gen INTEGER PRIMARY KEY AUTOINCREMENT, ns TEXT NOT NULL, collection TEXT NOT NULL,
  dim INTEGER NOT NULL, rev INTEGER NOT NULL, ttl_ms INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  UNIQUE (ns, collection));
CREATE TABLE vector_items (
  ns TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, vector BLOB NOT NULL,
  attributes TEXT NOT NULL, rev INTEGER NOT NULL,
  PRIMARY KEY (ns, collection, id)) WITHOUT ROWID;

-- pub/sub between processes: who listens (peers heartbeat; a silent one stops counting), and the
-- messages for listeners in other processes, pruned once every live peer has read past them
CREATE TABLE bus_peers (
  peer TEXT PRIMARY KEY, pid INTEGER NOT NULL, heartbeat_at INTEGER NOT NULL, cursor INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE bus_subscriptions (
  peer TEXT NOT NULL, sub INTEGER NOT NULL, ns TEXT NOT NULL, target TEXT NOT NULL,
  is_pattern INTEGER NOT NULL,
  PRIMARY KEY (peer, sub)) WITHOUT ROWID;
CREATE INDEX bus_subscriptions_by_target ON bus_subscriptions (ns, is_pattern, target);
CREATE TABLE bus_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ns TEXT NOT NULL, channel TEXT NOT NULL,
  payload TEXT NOT NULL, origin TEXT NOT NULL, published_at INTEGER NOT NULL);
`;

/** Migrations by the version they lead to; each runs inside the opening transaction. */
const MIGRATIONS: Record<number, string> = { 1: TABLES_V1 };

/**
 * Brings the file to SCHEMA_VERSION in one IMMEDIATE transaction (two processes opening a new file
 * at once: the second finds it done). Refuses a newer schema and another program's database.
 */
export function migrate(db: Database, file: string): void {
  // the common case, a file at this version: no write lock taken, so opening never waits for writers
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === SCHEMA_VERSION && db.pragma('application_id', { simple: true }) === APPLICATION_ID) return;
  const migrateTx = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw storeError('newer-schema', file, { version, supported: SCHEMA_VERSION });
    }
    if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || hasTables(db))) {
      throw storeError('foreign-database', file, { applicationId: appId });
    }
    for (let next = version + 1; next <= SCHEMA_VERSION; next++) db.exec(MIGRATIONS[next]!);
    if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    if (appId !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
  });
  migrateTx.immediate();
}

function hasTables(db: Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
}

/** The schema version a file holds (0 for a new, empty file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
