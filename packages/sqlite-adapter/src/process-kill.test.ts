import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Workers } from '../test/child-process.js';
import { useTempDir } from '../test/temp-dir.js';
import { createSqliteAdapter } from './index.js';

// A writer process (test/workers/writer-worker.ts) prints "ack <kind> <i>" after each write call
// returned. It is SIGKILLed in the middle of its run; whatever it acknowledged must be in the file
// when it is opened again, and nothing may be half written.
const ACKS_BEFORE_KILL = 600;

const temp = useTempDir('kill');
const workers = new Workers(temp.dir);
afterAll(() => workers.killAll());

async function killMidRun(file: string, synchronous: 'normal' | 'full') {
  const child = workers.start('writer-worker', [file, synchronous]);
  const acked = { message: -1, record: -1, log: -1 };
  let seen = 0;
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      const [, kind, i] = line.split(' ') as [string, keyof typeof acked, string];
      acked[kind] = Number(i);
      // killed while it writes: no pause, the next call is already under way
      if (++seen === ACKS_BEFORE_KILL) child.kill('SIGKILL');
    }
  });
  const exit = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_, signal) => resolve(signal)),
  );
  expect(await exit).toBe('SIGKILL');
  return acked;
}

describe('SIGKILL of a writer', () => {
  for (const synchronous of ['normal', 'full'] as const) {
    it(`loses nothing it acknowledged (synchronous=${synchronous})`, async () => {
      const file = temp.file(`kill-${synchronous}`);
      const acked = await killMidRun(file, synchronous);
      expect(acked.message).toBeGreaterThan(100);

      // the file is sound: no torn page, no half-written row
      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      const reopened = createSqliteAdapter({
        path: file,
        namespace: 'writer',
        limits: { windowLength: 100_000, eventLogMaxLength: 1_000_000 },
      });
      try {
        const messages = await reopened.conversation.recent('writer', 100_000);
        const written = messages.map((m) => Number(m.content.split(' ')[1])).reverse();
        // every acknowledged message, in order; at most the one in flight beyond them
        expect(written.slice(0, acked.message + 1)).toEqual(
          Array.from({ length: acked.message + 1 }, (_, i) => i),
        );
        expect(written.length - (acked.message + 1)).toBeLessThanOrEqual(1);

        const records = await reopened.records.list('acks');
        expect(records.length).toBeGreaterThanOrEqual(acked.record + 1);
        expect(records.length).toBeLessThanOrEqual(acked.record + 2);
        for (const r of records) {
          const i = Number(r.id.slice(2));
          expect(r.value).toEqual({ i, text: 'x'.repeat(i % 500) });
        }

        const entries = await reopened.log.range('writes');
        const logged = entries.map((e) => e.data.i);
        expect(logged.slice(0, acked.log + 1)).toEqual(Array.from({ length: acked.log + 1 }, (_, i) => i));
        expect(logged.length - (acked.log + 1)).toBeLessThanOrEqual(1);
        // and it goes on: the killed writer's file takes new writes
        await reopened.conversation.append('writer', { role: 'user', content: 'after the kill' });
      } finally {
        await reopened.close();
      }
    });
  }
});
