import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  type RedisServer,
  requireRedisServerBinary,
  startRedisServer,
} from '@agent-memory/redis-harness';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, measureRecovery } from './chaos-helpers.js';

// One master, one replica and three sentinels (quorum 2), all private to this file.
let master: RedisServer;
let replica: RedisServer;
const sentinels: { port: number; proc: ChildProcess }[] = [];
let dir: string;
let memory: Memory;

const askSentinel = async (port: number): Promise<string | undefined> => {
  const probe = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, commandTimeout: 1000 });
  probe.on('error', () => {});
  try {
    const addr = (await probe.call('SENTINEL', 'get-master-addr-by-name', 'primary')) as string[] | null;
    return addr?.[1];
  } catch {
    return undefined;
  } finally {
    probe.disconnect();
  }
};

beforeAll(async () => {
  master = await startRedisServer();
  replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
  dir = mkdtempSync(join(tmpdir(), 'agent-memory-sentinels-'));
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const config = join(dir, `sentinel-${i}.conf`);
    writeFileSync(
      config,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor primary 127.0.0.1 ${master.port} 2`,
        'sentinel down-after-milliseconds primary 1000',
        'sentinel failover-timeout primary 5000',
        '',
      ].join('\n'),
    );
    const proc = spawn(requireRedisServerBinary(), [config, '--sentinel'], { stdio: 'ignore' });
    proc.unref();
    sentinels.push({ port, proc });
  }
  for (const s of sentinels) {
    await eventually(async () => (await askSentinel(s.port)) === String(master.port), 15_000, 'sentinel up');
  }
  // The replica is in sync before anything else happens.
  const direct = new Redis(replica.url, { maxRetriesPerRequest: 1 });
  await eventually(async () => (await direct.info('replication')).includes('master_link_status:up'), 15_000);
  direct.disconnect();
  memory = await createMemory(
    {
      namespace: 'chaos-sentinel',
      redis: {
        sentinels: sentinels.map((s) => ({ host: '127.0.0.1', port: s.port })),
        name: 'primary',
        commandTimeoutMs: 1000,
        connectTimeoutMs: 3000,
      },
      patterns: false,
    },
    { logger: silentLogger },
  );
}, 60_000);

afterAll(async () => {
  await memory?.close();
  await Promise.all(
    sentinels.map(async ({ proc }) => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    }),
  );
  await replica?.stop();
  await master?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('keeps working through Sentinel after the master is killed and the replica promoted', async () => {
  expect(memory.backend).toBe('redis');
  expect((await memory.status()).store?.details.mode).toBe('sentinel');
  const claim = await memory.tasks.claim('t', 'agent-a', { heartbeat: false, leaseMs: 120_000 });
  await memory.agent('agent-a').share('t', { subject: 's', verdict: 'ok', confidence: 1 });
  // WAIT on the adapter's own connection: the writes reached the replica before the crash.
  const client = memory.adapter as unknown as { client: Redis };
  expect(Number(await client.client.call('WAIT', '1', '5000'))).toBe(1);

  const killedAt = Date.now();
  await master.kill('SIGKILL');
  await measureRecovery(
    'sentinel master SIGKILL -> promoted replica',
    killedAt,
    async () => {
      if ((await askSentinel(sentinels[0]!.port)) !== String(replica.port)) throw new Error('not yet');
      return memory.findings.list('t');
    },
    60_000,
  );
  const { value: findings } = await measureRecovery('sentinel: first write on the new master', killedAt, () =>
    memory
      .agent('agent-a')
      .share('t', { subject: 's2', verdict: 'ok', confidence: 1 })
      .then(() => memory.findings.list('t')),
  );
  expect(findings.map((f) => f.subject).sort()).toEqual(['s', 's2']);
  expect((await memory.tasks.owner('t'))?.agentId).toBe('agent-a');
  expect(await memory.tasks.claim('t', 'agent-b', { heartbeat: false })).toBeNull();
  expect(await memory.tasks.release(claim!)).toBe(true);
});
