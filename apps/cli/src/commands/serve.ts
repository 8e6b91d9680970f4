import { resolve } from 'node:path';
import {
  createHttpServer,
  DEFAULT_PORT,
  type HttpServer,
  namespaceConfig,
  parseRolesList,
} from '@agent-memory/server';
import {
  ensureRedis,
  type ManagedRedis,
  type MemoryConfig,
  type MemoryStatus,
  redactRedisUrl,
} from 'agent-memory';
import { type Command, Option } from 'commander';
import { action, type Cli, type CommandRuntime } from '../command-runtime.js';
import { dataHome, defaultRedisDataDir } from '../data-home.js';
import { renderStatus } from '../format/status-report.js';
import { parsePort, parsePositiveInt } from '../option-parsers.js';
import type { Colors } from '../output.js';
import { onShutdownSignal } from '../shutdown-signal.js';

interface ServeOptions {
  port?: number;
  dataDir?: string;
  aof: boolean;
  appendfsync: 'always' | 'everysec' | 'no';
  keepRedis?: boolean;
  http: boolean;
  httpPort: number;
  host: string;
  serveNamespaces?: string[];
  writeLimit: number;
}

/** JWT settings from the environment (AGENT_MEMORY_JWT_SECRET or AGENT_MEMORY_JWKS, and the rest). */
function jwtFromEnv(env: NodeJS.ProcessEnv) {
  const secret = env.AGENT_MEMORY_JWT_SECRET;
  const jwks = env.AGENT_MEMORY_JWKS;
  if (!secret && !jwks) return undefined;
  const claims = {
    ...(env.AGENT_MEMORY_JWT_AGENT_CLAIM ? { agentId: env.AGENT_MEMORY_JWT_AGENT_CLAIM } : {}),
    ...(env.AGENT_MEMORY_JWT_ROLE_CLAIM ? { role: env.AGENT_MEMORY_JWT_ROLE_CLAIM } : {}),
    ...(env.AGENT_MEMORY_JWT_NAMESPACES_CLAIM ? { namespaces: env.AGENT_MEMORY_JWT_NAMESPACES_CLAIM } : {}),
  };
  return {
    ...(secret ? { secret } : {}),
    ...(jwks ? { jwks } : {}),
    ...(env.AGENT_MEMORY_JWT_ISSUER ? { issuer: env.AGENT_MEMORY_JWT_ISSUER } : {}),
    ...(env.AGENT_MEMORY_JWT_AUDIENCE ? { audience: env.AGENT_MEMORY_JWT_AUDIENCE } : {}),
    claims: { agentId: 'sub', role: 'role', namespaces: 'namespaces', ...claims },
  };
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';

export function configure(command: Command, cli: Cli): void {
  command
    .option('--port <n>', "Redis port (default: the configured URL's, else 6379)", parsePositiveInt)
    .option(
      '--data-dir <dir>',
      'where a Redis started by serve keeps its files (default ~/.agent-memory/redis)',
    )
    .option('--no-aof', 'start Redis without append-only persistence (a restart then loses memory)')
    .addOption(
      new Option('--appendfsync <policy>', 'AOF fsync policy of a started Redis')
        .choices(['always', 'everysec', 'no'])
        .default('everysec'),
    )
    .option('--keep-redis', 'leave a Redis started by serve running after serve exits')
    .option(
      '--http-port <n>',
      'port of the HTTP API, MCP endpoint (/mcp) and dashboard (/); 0 picks a free one',
      parsePort,
      DEFAULT_PORT,
    )
    .option(
      '--host <address>',
      'interface the HTTP server binds (loopback unless you say otherwise)',
      '127.0.0.1',
    )
    .option('--no-http', 'serve Redis only: no HTTP API, MCP endpoint or dashboard')
    .option(
      '--serve-namespaces <list>',
      'more namespaces to serve beside the configured one, comma-separated (requests name theirs)',
      (value: string) =>
        value
          .split(',')
          .map((ns) => ns.trim())
          .filter(Boolean),
    )
    .option('--write-limit <n>', 'writes per credential per minute before 429', parsePositiveInt, 600)
    .addHelpText(
      'after',
      `
If no Redis answers at the configured URL (--redis, AGENT_MEMORY_REDIS_URL, REDIS_URL, else
${DEFAULT_URL}) and redis-server is installed, serve starts one on 127.0.0.1 with AOF on, waits
until it answers, and stops it on exit unless --keep-redis. Without redis-server it says how to
install it; --local serves the embedded SQLite file instead. It also serves the HTTP API (/api,
OpenAPI at /openapi.json), live events (/events, SSE), the MCP endpoint (/mcp, Streamable HTTP) and
the dashboard (/) on 127.0.0.1:${DEFAULT_PORT}, behind a bearer token generated on first start and
kept in ~/.agent-memory/server-token (the admin credential; agent roles for it:
AGENT_MEMORY_ROLES=lead=validator,ops=steward). For a team, issue one token per agent with
\`agent-memory tokens create\`, or accept JWTs: AGENT_MEMORY_JWT_SECRET (HS256) or AGENT_MEMORY_JWKS
(file or URL), AGENT_MEMORY_JWT_ISSUER / _AUDIENCE, claim names AGENT_MEMORY_JWT_AGENT_CLAIM (sub),
_ROLE_CLAIM (role), _NAMESPACES_CLAIM (namespaces).

Examples:
  $ agent-memory serve
  $ agent-memory serve --port 6390 --data-dir ./.redis --keep-redis
  $ agent-memory serve --no-aof --json        # one JSON line when ready, one when stopped
  $ agent-memory serve --local --http-port 0   # any free port for the HTTP server
  $ agent-memory serve --serve-namespaces proj-b,proj-c --write-limit 120`,
    )
    .action(action(cli, (rt, options: ServeOptions) => serve(rt, options)));
}

async function serve(rt: CommandRuntime, options: ServeOptions): Promise<void> {
  // Listen from the start: a SIGTERM during startup must still stop the Redis we are about to start.
  let received: NodeJS.Signals | undefined;
  let wake: ((signal: NodeJS.Signals) => void) | undefined;
  const dispose = onShutdownSignal((signal) => {
    received = signal;
    wake?.(signal);
  });
  let managed: ManagedRedis | undefined;
  let http: HttpServer | undefined;
  try {
    const config = await rt.config({ patterns: true });
    managed = config.forceLocal ? undefined : await startOrReuseRedis(rt, config, options);
    const memory = await rt.open(config, { patterns: true });
    if (options.http) {
      const jwt = jwtFromEnv(rt.io.env);
      http = await createHttpServer(memory, {
        host: options.host,
        port: options.httpPort,
        dataDir: dataHome(rt.io.env),
        roles: parseRolesList(rt.io.env.AGENT_MEMORY_ROLES),
        namespaces: options.serveNamespaces ?? [],
        openNamespace: (namespace) => rt.open(namespaceConfig(config, namespace), { patterns: true }),
        writeRateLimit: { max: options.writeLimit, windowMs: 60_000 },
        ...(jwt ? { jwt } : {}),
        print: (line) => rt.out.info(line),
      });
    }
    const status = await memory.status();
    const redis = managed && describeRedis(managed, options);
    const served = http
      ? { url: http.url, port: http.port, mcp: `${http.url}/mcp`, namespaces: http.namespaces }
      : null;
    rt.out.result(
      { event: 'ready', backend: memory.backend, redis: redis ?? null, http: served, status },
      (_, c) => renderReady(status, redis, served, options, c),
    );

    const signal = received ?? (await new Promise<NodeJS.Signals>((resolve) => (wake = resolve)));
    rt.out.note(`${signal}: shutting down`);
    await http?.close();
    await rt.close();
    await stopUnlessKept(managed, options);
    const running = redis !== undefined && (!redis.started || redis.keep);
    rt.out.result({ event: 'stopped', signal, redis: redis ? { ...redis, running } : null }, () =>
      redis?.started
        ? `stopped; redis-server (pid ${redis.pid}) ${running ? `left running at ${redis.url}` : 'stopped'}`
        : 'stopped',
    );
  } catch (error) {
    await http?.close();
    await rt.close();
    await stopUnlessKept(managed, options);
    throw error;
  } finally {
    dispose();
  }
}

async function stopUnlessKept(managed: ManagedRedis | undefined, options: ServeOptions): Promise<void> {
  if (managed?.started && !options.keepRedis) await managed.server.stop();
}

function renderReady(
  status: MemoryStatus,
  redis: ReturnType<typeof describeRedis> | undefined,
  http: { url: string; mcp: string } | null,
  options: ServeOptions,
  c: Colors,
): string[] {
  const serving = !redis
    ? 'serving the embedded SQLite file (shared by every process on this machine, not by other machines)'
    : redis.started
      ? `started redis-server (pid ${redis.pid}) at ${redis.url}, data in ${redis.dataDir}, ${redis.aof ? `AOF ${options.appendfsync}` : 'no persistence'}`
      : `using the Redis already running at ${redis.url}`;
  const stops = redis?.started ? (redis.keep ? ' (Redis keeps running)' : ' (and stops Redis)') : '';
  return [
    c.bold('agent-memory serve'),
    serving,
    '',
    ...renderStatus(status, c, redis?.url),
    '',
    http
      ? `HTTP API ${http.url}/api, dashboard ${http.url}/, MCP ${http.mcp} (bearer token in ${c.dim('~/.agent-memory/server-token')})`
      : c.dim('HTTP server off (--no-http): agents use Redis (or this CLI) directly.'),
    `ready: Ctrl-C or SIGTERM stops${stops}`,
  ];
}

async function startOrReuseRedis(rt: CommandRuntime, config: MemoryConfig, options: ServeOptions) {
  const configured = typeof config.redis === 'string' ? config.redis : config.redis?.url;
  if (config.redis !== undefined && configured === undefined) {
    rt.out.note('Redis Cluster / Sentinel configured: serve only connects to it, it never starts one.');
    return undefined;
  }
  const url = new URL(configured ?? DEFAULT_URL);
  if (options.port !== undefined) url.port = String(options.port);
  const target = url.toString().replace(/\/$/, '');
  const managed = await ensureRedis({
    url: target,
    dataDir: resolve(rt.io.cwd, options.dataDir ?? defaultRedisDataDir(rt.io.env)),
    appendonly: options.aof,
    appendfsync: options.appendfsync,
    detached: options.keepRedis === true,
  });
  // A Redis we started has no password, whatever the configured URL carried.
  const effective = managed.started ? managed.url : target;
  config.redis = typeof config.redis === 'object' ? { ...config.redis, url: effective } : effective;
  return managed;
}

function describeRedis(managed: ManagedRedis, options: ServeOptions) {
  const url = redactRedisUrl(managed.url);
  if (!managed.started) return { started: false as const, url };
  return {
    started: true as const,
    url,
    pid: managed.server.pid ?? null,
    dataDir: managed.server.dir,
    aof: options.aof,
    keep: options.keepRedis === true,
  };
}
