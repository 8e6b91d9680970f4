import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../test/redis-fixture.js';
import {
  freePort,
  type RedisServer,
  requireRedisServerBinary,
  startRedisServer,
} from '../test/redis-servers.js';
import { createRedisAdapter } from './index.js';

// A private master watched by one sentinel: the adapter finds the master through it.
let master: RedisServer;
let sentinel: ChildProcess;
let sentinelPort: number;
let dir: string;

beforeAll(async () => {
  master = await startRedisServer();
  sentinelPort = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'agent-memory-sentinel-'));
  const config = join(dir, 'sentinel.conf');
  writeFileSync(
    config,
    [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor primary 127.0.0.1 ${master.port} 1`,
      '',
    ].join('\n'),
  );
  sentinel = spawn(requireRedisServerBinary(), [config, '--sentinel'], { stdio: 'ignore' });
  sentinel.unref();
  const probe = new Redis({ port: sentinelPort, lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  await eventually(async () => {
    try {
      const addr = (await probe.call('SENTINEL', 'get-master-addr-by-name', 'primary')) as string[] | null;
      return addr?.[1] === String(master.port);
    } catch {
      return false;
    }
  }, 10_000);
  probe.disconnect();
}, 30_000);

afterAll(async () => {
  if (sentinel && sentinel.exitCode === null) {
    const exited = new Promise((resolve) => sentinel.once('exit', resolve));
    sentinel.kill('SIGTERM');
    await exited;
  }
  await master?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('connects through sentinels and reports sentinel mode', async () => {
  const adapter = createRedisAdapter({
    sentinels: [{ host: '127.0.0.1', port: sentinelPort }],
    name: 'primary',
    namespace: 'via-sentinel',
  });
  try {
    const lease = await adapter.leases.acquire('t1', 'agent-a', 60_000);
    expect(lease).toMatchObject({ owner: 'agent-a', token: 1 });
    const direct = new Redis(master.url);
    expect(await direct.get('via-sentinel:task:{t1}:owner')).toBe('agent-a');
    direct.disconnect();
    expect(await adapter.serverInfo()).toMatchObject({ mode: 'sentinel' });
  } finally {
    await adapter.close();
  }
});
