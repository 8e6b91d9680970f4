import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { MemoryError } from '@agent-memory/core';
import { createSqliteAdapter, type SqliteAdapter } from '@agent-memory/sqlite-adapter';
import Database from 'better-sqlite3';
import type { Profile } from '../bench-options.js';
import { summarize } from '../latency-stats.js';
import type { Operation } from '../measure.js';
import type { LocalOpResult } from '../report-model.js';
import { agentEvent, FINDING } from '../sample-data.js';
import { inProcessOperations, measureInProcess } from './in-process-operations.js';

/** Issue 15's p50 targets for the SQLite adapter, µs. */
export const SQLITE_TARGETS_US: Record<string, number> = {
  'session-read': 20,
  'context-retrieval': 20,
  'coordination-write': 60,
  pubsub: 100,
  'pubsub-cross-process': 10_000,
};

// The child is compiled beside this file; under vitest (sources) it is the built one in dist/.
const CHILD = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? '../../dist/scenarios/sqlite-echo-child.js' : './sqlite-echo-child.js',
    import.meta.url,
  ),
);

/**
 * The local section's operations on the SQLite adapter (a temporary file, WAL, synchronous
 * NORMAL: the defaults), publish → receive by a subscriber in another process, and the floor of
 * raw better-sqlite3 under them.
 */
export async function runSqliteOperations(
  profile: Profile,
  log: (line: string) => void,
): Promise<LocalOpResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'agent-memory-bench-sqlite-'));
  const file = path.join(dir, 'memory.db');
  const adapter = createSqliteAdapter({ path: file, namespace: 'bench', sweepIntervalMs: 0 });
  try {
    const ops = await inProcessOperations(adapter, profile);
    const results = await measureInProcess(ops, profile, log, (id) => SQLITE_TARGETS_US[id] ?? null);
    results.push(await crossProcessPubsub(adapter, file, profile.crossProcessMessages));
    results.push(...(await sqliteFloor(path.join(dir, 'floor.db'), profile)));
    for (const r of results.slice(ops.length))
      log(`  ${r.title.padEnd(36)} p50 ${r.latency.p50.toFixed(2)} µs`);
    return results;
  } finally {
    await adapter.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The floor under the adapter, like raw ioredis under the Redis adapter: better-sqlite3 with the
 * same pragmas on a file of its own, reading one row by primary key and writing one row in a
 * BEGIN IMMEDIATE transaction. A claim and a share are one such transaction each.
 */
async function sqliteFloor(file: string, profile: Profile): Promise<LocalOpResult[]> {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE floor (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID');
    const put = db.prepare('INSERT OR REPLACE INTO floor (k, v) VALUES (?, ?)');
    const get = db.prepare('SELECT v FROM floor WHERE k = ?').pluck();
    const write = db.transaction((i: number) => put.run(`k-${i % 10_000}`, JSON.stringify(FINDING)));
    for (let i = 0; i < 10_000; i++) write.immediate(i);
    const floor: [string, string, Operation][] = [
      ['floor-read', 'floor: one-row read (raw better-sqlite3)', async (i) => get.get(`k-${i % 10_000}`)],
      ['floor-write', 'floor: one-row write transaction (raw)', async (i) => write.immediate(i)],
    ];
    return await measureInProcess(
      floor.map(([id, title, op]) => ({ id, title, op })),
      profile,
      () => {},
      () => null,
    );
  } finally {
    db.close();
  }
}

/**
 * One message at a time to a subscriber in a child process: the time from just before publish()
 * to the child's handler, on the monotonic clock both processes share.
 */
async function crossProcessPubsub(
  adapter: SqliteAdapter,
  file: string,
  messages: number,
): Promise<LocalOpResult> {
  const child = spawn(process.execPath, [CHILD, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const lines = lineReader(child);
    if ((await lines.next(30_000)) !== 'ready')
      throw new MemoryError('INTERNAL', 'the echo child did not start');
    const samples: number[] = [];
    const warmup = Math.min(20, messages);
    const started = process.hrtime.bigint();
    for (let seq = 0; seq < warmup + messages; seq++) {
      const sent = process.hrtime.bigint();
      const reached = await adapter.events.publish('bench-xp', { ...agentEvent(seq), seq });
      if (reached !== 1)
        throw new MemoryError('INTERNAL', `the message reached ${reached} subscribers, not 1`);
      const [got, at] = (await lines.next(5000)).split(' ');
      if (Number(got) !== seq)
        throw new MemoryError('INTERNAL', `expected message ${seq}, the child got ${got}`);
      if (seq >= warmup) samples.push(Number(BigInt(at!) - sent) / 1000);
    }
    const elapsedUs = Number(process.hrtime.bigint() - started) / 1000;
    const latency = summarize(samples);
    const targetUs = SQLITE_TARGETS_US['pubsub-cross-process']!;
    return {
      id: 'pubsub-cross-process',
      title: 'events.publish → handler in another process',
      latency,
      opsPerSec: (warmup + messages) / (elapsedUs / 1e6),
      targetUs,
      targetMet: latency.p50 <= targetUs,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(timer);
  }
}

/** Lines of the child's stdout, one `next()` at a time. */
function lineReader(child: { stdout: Readable }) {
  const queue: string[] = [];
  let waiting: ((line: string) => void) | undefined;
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(line);
      } else queue.push(line);
    }
  });
  return {
    next(timeoutMs: number): Promise<string> {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          reject(
            new MemoryError('BACKEND_UNAVAILABLE', `no line from the echo child within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        waiting = (line) => {
          clearTimeout(timer);
          resolve(line);
        };
      });
    },
  };
}
