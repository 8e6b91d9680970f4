import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMemoryError, type MemoryError } from '@agent-memory/core';
import { expectMemoryError } from '@agent-memory/core/testing';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Workers } from '../test/child-process.js';
import { useTempDir } from '../test/temp-dir.js';
import { createSqliteAdapter, SCHEMA_VERSION, type SqliteAdapter } from './index.js';

// Every way a file can refuse to serve: a MemoryError with a stable code and reason, a message
// naming the file and the fix, and never a half-written row.
const temp = useTempDir('faults');
const workers = new Workers(temp.dir);
afterAll(() => workers.killAll());
const open: SqliteAdapter[] = [];
const make = (options: Parameters<typeof createSqliteAdapter>[0]) => {
  const adapter = createSqliteAdapter(options);
  open.push(adapter);
  return adapter;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close()));
});

function openError(file: string, options: object = {}): MemoryError {
  try {
    make({ path: file, ...options });
  } catch (error) {
    if (isMemoryError(error)) return error;
    throw error;
  }
  throw new Error(`opening ${file} did not fail`);
}

describe('faults of the file', () => {
  it('a file that is not a database: CORRUPT_DATA naming the file, the file left as it was', () => {
    const file = temp.file('not-a-db');
    const junk = 'this is a shopping list, not a database\n'.repeat(200);
    writeFileSync(file, junk);
    const error = openError(file);
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details).toMatchObject({ reason: 'not-a-database', file });
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database.*move it aside/);
    expect(readFileSync(file, 'utf8')).toBe(junk);
  });

  it("another program's SQLite database is refused, not taken over", () => {
    const file = temp.file('foreign');
    const raw = new Database(file);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    raw.close();
    const error = openError(file);
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details).toMatchObject({ reason: 'foreign-database', file });
    expect(error.message).toContain(file);
    const check = new Database(file, { readonly: true });
    const tables = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    check.close();
    expect(tables).toEqual(['invoices']);
  });

  it('a schema from a newer version: CORRUPT_DATA saying to upgrade, nothing changed', async () => {
    const file = temp.file('newer');
    await createSqliteAdapter({ path: file }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const error = openError(file);
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details).toMatchObject({ reason: 'newer-schema', file, version: SCHEMA_VERSION + 1 });
    expect(error.message).toMatch(/newer agent-memory.*upgrade @agent-memory\/sqlite-adapter/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('a read-only directory: FORBIDDEN naming the file and saying to make it writable', async () => {
    const dir = path.join(temp.dir, 'read-only');
    mkdirSync(dir);
    const existing = path.join(dir, 'existing.db');
    await createSqliteAdapter({ path: existing }).close();
    chmodSync(existing, 0o444);
    chmodSync(dir, 0o555);
    // root ignores permissions: then the open runs in a child process as the unprivileged `nobody`
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(temp.dir, 0o755);
    const attempt = async (file: string) => {
      if (!asRoot) {
        try {
          const a = make({ path: file });
          await a.sessions.start({ userId: 'u' });
          return { ok: true };
        } catch (error) {
          if (!isMemoryError(error)) throw error;
          return { code: error.code, message: error.message, details: error.details };
        }
      }
      return JSON.parse(await workers.run('open-worker', [file], 65534)) as Record<string, unknown>;
    };
    try {
      for (const file of [path.join(dir, 'new.db'), existing]) {
        const result = await attempt(file);
        expect(result).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'read-only', file } });
        expect(String(result.message)).toContain(file);
        expect(String(result.message)).toMatch(/make the directory writable/);
      }
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('locked past the busy timeout: BACKEND_UNAVAILABLE, nothing written, fine once released', async () => {
    const file = temp.file('busy');
    const adapter = make({ path: file, busyTimeoutMs: 100 });
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      await expectMemoryError(
        'start while locked',
        () => adapter.sessions.start({ id: 's', userId: 'u' }),
        'BACKEND_UNAVAILABLE',
      );
      const error = await adapter.leases.acquire('t', 'o', 1000).catch((e: MemoryError) => e);
      expect((error as MemoryError).details).toMatchObject({ reason: 'busy', file, busyTimeoutMs: 100 });
      expect((error as MemoryError).message).toMatch(/locked .*busy timeout \(100 ms\)/);
      // reads go on while another process writes (WAL)
      expect(await adapter.sessions.get('s')).toBeNull();
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    await adapter.sessions.start({ id: 's', userId: 'u' });
    expect((await adapter.leases.acquire('t', 'o', 1000))?.token).toBe(1);
  });

  it('a full disk: BACKEND_UNAVAILABLE, the failed write leaves nothing, earlier writes intact', async () => {
    const file = temp.file('full');
    const adapter = make({
      path: file,
      maxSizeBytes: 256 * 1024,
      limits: { windowLength: 10_000, maxValueBytes: 64 * 1024 },
    });
    const blob = 'z'.repeat(8 * 1024);
    let stored = 0;
    let failure: unknown;
    for (; stored < 1000; stored++) {
      try {
        await adapter.records.put('blobs', `b-${stored}`, { blob }, { ttlMs: 60_000 });
      } catch (error) {
        failure = error;
        break;
      }
    }
    expect(stored).toBeGreaterThan(5);
    expect(failure).toMatchObject({ code: 'BACKEND_UNAVAILABLE', details: { reason: 'disk-full', file } });
    expect((failure as Error).message).toMatch(/full; nothing of this write was stored: free disk space/);
    expect(await adapter.records.get('blobs', `b-${stored}`)).toBeNull();
    expect((await adapter.records.list('blobs')).length).toBe(stored);

    // a multi-row write that runs out of space midway stores none of its rows
    const before = await adapter.conversation.length('u');
    const many = Array.from({ length: 40 }, (_, i) => ({ role: 'user' as const, content: `${i} ${blob}` }));
    await expectMemoryError(
      'appendMany on a full disk',
      () => adapter.conversation.appendMany('u', many),
      'BACKEND_UNAVAILABLE',
    );
    expect(await adapter.conversation.length('u')).toBe(before);

    // room again (a record deleted): writes succeed
    await adapter.records.delete('blobs', 'b-0');
    await adapter.records.delete('blobs', 'b-1');
    await adapter.conversation.append('u', { role: 'user', content: 'fits' });
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
