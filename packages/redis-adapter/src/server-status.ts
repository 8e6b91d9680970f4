import { performance } from 'node:perf_hooks';
import { type AdapterDescription, emptyCensus, type KeyKind, kindOfKey } from '@agent-memory/core';
import type { Redis } from 'ioredis';
import { isCluster, type RedisMode } from './redis-connection.js';
import type { RedisContext } from './redis-context.js';

export interface ServerInfo {
  version: string;
  /** used_memory, summed over every master on a cluster. */
  usedMemoryBytes: number;
  mode: RedisMode;
}

const SCAN_COUNT = 1000;

/** Round-trip time of one PING, in milliseconds. */
export async function pingServer(ctx: RedisContext): Promise<number> {
  const started = performance.now();
  await ctx.command('PING', undefined, () => ctx.client.ping());
  return performance.now() - started;
}

export async function readServerInfo(ctx: RedisContext, mode: RedisMode): Promise<ServerInfo> {
  return ctx.run('INFO', undefined, async () => {
    const nodes = masters(ctx);
    const infos = await Promise.all(
      nodes.map(async (node) => parseInfo(`${await node.info('server')}\n${await node.info('memory')}`)),
    );
    return {
      version: infos[0]?.redis_version ?? 'unknown',
      usedMemoryBytes: infos.reduce((sum, info) => sum + Number(info.used_memory ?? 0), 0),
      mode,
    };
  });
}

/** What `status` shows: version, mode, one PING's round trip and memory used (both in parallel). */
export async function describeServer(ctx: RedisContext, mode: RedisMode): Promise<AdapterDescription> {
  const [roundTripMs, info] = await Promise.all([pingServer(ctx), readServerInfo(ctx, mode)]);
  return {
    summary: `Redis ${info.version} (${mode}), shared by every process that reaches it`,
    details: {
      version: info.version,
      mode,
      roundTripMs: Math.round(roundTripMs * 1000) / 1000,
      usedMemoryBytes: info.usedMemoryBytes,
    },
  };
}

/** Keys of the namespace per kind, by SCAN (never KEYS) on every master. */
export async function countNamespaceKeys(ctx: RedisContext): Promise<Record<KeyKind, number>> {
  return ctx.run(
    'SCAN',
    ctx.keys.everything,
    async () => {
      const census = emptyCensus();
      for (const node of masters(ctx)) {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', ctx.keys.everything, 'COUNT', SCAN_COUNT);
          cursor = next;
          for (const key of found) census[kindOfKey(ctx.keys, key)] += 1;
        } while (cursor !== '0');
      }
      return census;
    },
    // A census walks the whole keyspace; give it more than one command's time.
    ctx.commandTimeoutMs * 10,
  );
}

function masters(ctx: RedisContext): Redis[] {
  return isCluster(ctx.client) ? ctx.client.nodes('master') : [ctx.client];
}

function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) out[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return out;
}
