import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';
import { requireRedisServerBinary } from './redis-binary.js';

export interface RedisServerOptions {
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  /** Extra redis-server arguments, e.g. ['--appendonly', 'yes', '--appendfsync', 'always']. */
  args?: string[];
  /** Working directory (AOF/RDB files). A temp dir is made (and removed on stop) when omitted. */
  dir?: string;
  /** How long to wait for the server to answer PING. */
  startTimeoutMs?: number;
  /**
   * Detach the server from this process (its own process group, not killed when we exit):
   * for `agent-memory serve --keep-redis`. Default false: the server dies with a stop().
   */
  detached?: boolean;
}

export interface RedisServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly pid: number | undefined;
  /** Sends a signal (SIGKILL for crash tests) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and directory (after kill). */
  restart(): Promise<void>;
  /** Stops the server and removes the temp directory it made. */
  stop(): Promise<void>;
}

/** Spawns a redis-server with no persistence unless args ask for it, and waits until it answers. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const bin = requireRedisServerBinary();
  const port = options.port ?? (await freePort());
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'agent-memory-redis-'));
  const host = options.host ?? '127.0.0.1';
  const baseArgs = ['--port', String(port), '--bind', host, '--dir', dir, '--save', '', '--appendonly', 'no'];
  const args = [...baseArgs, ...(options.args ?? [])];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async () => {
    const proc = spawn(bin, args, {
      stdio: ['ignore', 'ignore', options.detached ? 'ignore' : 'pipe'],
      detached: options.detached ?? false,
    });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // Never keep the parent's event loop alive just for the child.
    proc.unref();
    await waitForPing(host, port, options.startTimeoutMs ?? 10_000, () =>
      proc.exitCode !== null ? `redis-server exited with ${proc.exitCode}: ${stderr.trim()}` : null,
    );
  };
  await launch();

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    // Unref'd so it never holds the parent open; while we wait for its exit it must (a Redis saving
    // on shutdown takes a moment), or the parent's loop empties and it exits mid-await.
    child.ref();
    await exited;
  };

  return {
    host,
    port,
    url: `redis://${host}:${port}`,
    dir,
    get pid() {
      return child?.pid;
    },
    kill,
    restart: launch,
    async stop() {
      await kill('SIGTERM');
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once a Redis at host:port answers PING; rejects after timeoutMs or when failure() says why. */
export async function waitForPing(
  host: string,
  port: number,
  timeoutMs: number,
  failure: () => string | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = failure();
    if (why) throw new Error(why);
    if (await pingOnce(host, port, 500)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server on ${host}:${port} did not answer PING within ${timeoutMs} ms`);
}

/** One PING with a short timeout; true when it answered PONG. */
export async function pingOnce(host: string, port: number, timeoutMs: number): Promise<boolean> {
  const client = new Redis({
    host,
    port,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
