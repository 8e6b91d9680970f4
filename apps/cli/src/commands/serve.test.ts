import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@agent-memory/redis-harness';
import { afterAll, describe, expect, it } from 'vitest';
import { CliSandbox, isRunning, parseJson } from '../../test/cli-process.js';

interface Ready {
  event: 'ready';
  backend: string;
  redis: { started: boolean; url: string; pid: number; dataDir: string; aof: boolean } | null;
  status: { backend: string; healthy: boolean };
  http: { url: string; port: number; mcp: string } | null;
}

const sandbox = new CliSandbox();
const leftovers: number[] = [];

afterAll(async () => {
  for (const pid of leftovers) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  sandbox.cleanup();
});

async function waitUntilGone(pid: number): Promise<void> {
  while (isRunning(pid)) await new Promise((r) => setTimeout(r, 25));
}

describe('agent-memory serve', () => {
  it('starts its own redis-server with AOF, serves it, and stops it on SIGTERM; a restart keeps the data', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(sandbox.dir, 'redis-'));
    const serve = sandbox.spawn([
      'serve',
      '--http-port',
      '0',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--json',
    ]);
    const ready = parseJson<Ready>(await serve.line((l) => l.includes('"ready"')));
    expect(ready.redis).toMatchObject({ started: true, url, dataDir, aof: true });
    expect(ready.status).toMatchObject({ backend: 'redis', healthy: true });
    const pid = ready.redis!.pid;
    leftovers.push(pid);
    expect(isRunning(pid)).toBe(true);

    const status = await sandbox.run(['status', '--json', '--redis', url]);
    expect(status.code, status.stderr).toBe(0);
    expect(parseJson(status.stdout)).toMatchObject({ backend: 'redis', degraded: false, healthy: true });
    const started = await sandbox.run(['session', 'start', '--id', 'kept', '--redis', url]);
    expect(started.code, started.stderr).toBe(0);

    serve.kill('SIGTERM');
    const exit = await serve.exited;
    expect(exit.code, exit.stderr).toBe(0);
    expect(parseJson(exit.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      event: 'stopped',
      signal: 'SIGTERM',
    });
    expect(isRunning(pid)).toBe(false);

    const again = sandbox.spawn([
      'serve',
      '--http-port',
      '0',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--json',
    ]);
    const second = parseJson<Ready>(await again.line((l) => l.includes('"ready"')));
    leftovers.push(second.redis!.pid);
    const shown = await sandbox.run(['session', 'show', 'kept', '--json', '--redis', url]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(parseJson(shown.stdout)).toMatchObject({ id: 'kept', userId: 'tester' });
    again.kill('SIGINT');
    expect((await again.exited).code).toBe(0);
    expect(isRunning(second.redis!.pid)).toBe(false);
  });

  it('leaves the redis-server running with --keep-redis', async () => {
    const port = await freePort();
    const serve = sandbox.spawn([
      'serve',
      '--http-port',
      '0',
      '--port',
      String(port),
      '--data-dir',
      mkdtempSync(join(sandbox.dir, 'redis-')),
      '--no-aof',
      '--keep-redis',
      '--json',
    ]);
    const ready = parseJson<Ready>(await serve.line((l) => l.includes('"ready"')));
    const pid = ready.redis!.pid;
    leftovers.push(pid);
    expect(ready.redis).toMatchObject({ started: true, aof: false });
    serve.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
    expect(isRunning(pid)).toBe(true);
    process.kill(pid, 'SIGTERM');
    await waitUntilGone(pid);
  });

  it('reuses a Redis that already answers and never stops it', async () => {
    const port = await freePort();
    const owner = sandbox.spawn(['serve', '--http-port', '0', '--port', String(port), '--no-aof', '--json'], {
      env: { XDG_DATA_HOME: join(sandbox.dir, 'owner-data') },
    });
    const first = parseJson<Ready>(await owner.line((l) => l.includes('"ready"')));
    leftovers.push(first.redis!.pid);

    const guest = sandbox.spawn(['serve', '--http-port', '0', '--port', String(port), '--json']);
    const ready = parseJson<Ready>(await guest.line((l) => l.includes('"ready"')));
    expect(ready.redis).toMatchObject({ started: false, url: `redis://127.0.0.1:${port}` });
    guest.kill('SIGTERM');
    expect((await guest.exited).code).toBe(0);
    expect(isRunning(first.redis!.pid)).toBe(true);

    owner.kill('SIGTERM');
    expect((await owner.exited).code).toBe(0);
    expect(isRunning(first.redis!.pid)).toBe(false);
  });

  it('without a redis-server binary explains how to install Redis and offers --local', async () => {
    // A PATH holding only node: redis-server cannot be found.
    const bin = join(sandbox.dir, 'bin-without-redis');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const port = await freePort();
    const result = await sandbox.run(['serve', '--http-port', '0', '--port', String(port)], {
      env: { PATH: bin },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error \[BACKEND_UNAVAILABLE\]: No Redis answers at 127\.0\.0\.1:\d+ and redis-server is not installed/,
    );
    expect(result.stderr).toContain('apt-get install redis-server');
    expect(result.stderr).toContain('--local');
  });

  it('serves the local backend with --local until SIGTERM', async () => {
    const serve = sandbox.spawn(['serve', '--local', '--http-port', '0', '--json']);
    const ready = parseJson<Ready>(await serve.line((l) => l.includes('"ready"')));
    expect(ready).toMatchObject({
      backend: 'sqlite',
      redis: null,
      status: { backend: 'sqlite', healthy: true },
    });
    serve.kill('SIGTERM');
    const exit = await serve.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('"stopped"');
  });

  it('serves the HTTP API behind a bearer token kept in the data home, and --no-http turns it off', async () => {
    const home = mkdtempSync(join(sandbox.dir, 'home-'));
    const serve = sandbox.spawn(['serve', '--local', '--http-port', '0', '--json'], {
      env: { XDG_DATA_HOME: home },
    });
    const ready = parseJson<Ready>(await serve.line((l) => l.includes('"ready"')));
    expect(ready.http?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.http?.mcp).toBe(`${ready.http?.url}/mcp`);
    const health = await fetch(`${ready.http!.url}/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${ready.http!.url}/api/status`)).status).toBe(401);
    const token = readFileSync(join(home, 'agent-memory', 'server-token'), 'utf8').trim();
    const status = await fetch(`${ready.http!.url}/api/status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ backend: 'sqlite' });
    // A generated token is shown once, on stderr, never in the JSON on stdout.
    serve.kill('SIGTERM');
    const exit = await serve.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).not.toContain(token);
    expect(exit.stderr).toContain(token);
    await expect(fetch(`${ready.http!.url}/health`)).rejects.toThrow();

    const bare = sandbox.spawn(['serve', '--local', '--no-http', '--json']);
    const bareReady = parseJson<Ready>(await bare.line((l) => l.includes('"ready"')));
    expect(bareReady.http).toBeNull();
    bare.kill('SIGTERM');
    expect((await bare.exited).code).toBe(0);
  });
});
