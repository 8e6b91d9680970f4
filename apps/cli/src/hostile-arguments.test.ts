import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startRedisServer } from '@agent-memory/redis-harness';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './command-runtime.js';
import { runCli } from './run-cli.js';

// Hostile strings where ids, text and JSON go: key injection, glob characters, newlines, NUL,
// huge values, deep JSON, prototype-pollution keys. A private server, so the whole keyspace can be
// checked afterwards.
const home = mkdtempSync(join(tmpdir(), 'agent-memory-cli-fuzz-'));
const namespace = 'fuzz-cli';
let server: Awaited<ReturnType<typeof startRedisServer>>;

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
});

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = {
    stdout,
    stderr,
    env: { XDG_DATA_HOME: home, AGENT_MEMORY_USER: 'fuzz', AGENT_MEMORY_PATTERNS: 'off', NO_COLOR: '1' },
    cwd: home,
    readStdin: async () => '',
  };
  const code = await runCli(
    ['node', 'agent-memory', ...args, '--redis', server.url, '--namespace', namespace],
    io,
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '*',
    'a*b',
    '?',
    '[x]',
    '{slot}',
    'x}:owner',
    'a\nb',
    'a\u0000b',
    'a b',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '-rf',
    '--redis=redis://evil:1',
    'x'.repeat(200),
    'é✓',
  ),
);
const hostileJson = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    `${'{"a":'.repeat(500)}1${'}'.repeat(500)}`,
    `{"big":"${'x'.repeat(300_000)}"}`,
    '[1,2,3]',
    'not json',
    'null',
  ),
);

const commands = fc.oneof(
  fc
    .tuple(hostile, hostile, hostileJson)
    .map(([id, user, context]) => ['session', 'start', '--id', id, '--user', user, '--context', context]),
  fc.tuple(hostile).map(([id]) => ['session', 'show', id]),
  fc.tuple(hostile, hostile).map(([user, text]) => ['remember', '--user', user, text]),
  fc.tuple(hostile).map(([user]) => ['recall', '--user', user]),
  fc
    .tuple(hostile, hostile)
    .map(([task, agent]) => ['tasks', 'claim', task, '--agent', agent, '--lease', '5s']),
  fc.tuple(hostile, hostile).map(([task, agent]) => ['tasks', 'owner', task, '--agent', agent]),
  fc.tuple(hostile).map(([task]) => ['audit', '--task', task]),
);

describe('the CLI under hostile arguments', () => {
  it('answers every command line with exit 0, 1 or 2 and a typed error line, never a crash, and writes only under its namespace', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (args) => {
        const result = await run(args);
        expect([0, 1, 2]).toContain(result.code);
        if (result.code !== 0) {
          // One line naming a MemoryError code, or commander's usage error; never an untyped crash.
          expect(result.stderr).toMatch(/error(?: \[[A-Z_]+\])?:/);
          expect(result.stderr).not.toContain('[INTERNAL]');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 120, seed: 20261126 },
    );
    const client = new Redis(server.url);
    try {
      const keys: string[] = [];
      for await (const batch of client.scanStream({ count: 500 })) keys.push(...(batch as string[]));
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(key.startsWith(`${namespace}:`), key).toBe(true);
    } finally {
      client.disconnect();
    }
  }, 180_000);
});
