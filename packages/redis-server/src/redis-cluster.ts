import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { requireRedisCliBinary } from './redis-binary.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

const run = promisify(execFile);

export interface RedisClusterOptions {
  masters?: number;
  replicasPerMaster?: number;
  /** Extra redis-server arguments for every node. */
  args?: string[];
  readyTimeoutMs?: number;
}

export interface RedisCluster {
  readonly nodes: RedisServer[];
  /** `{ host, port }` of every node, the shape ioredis' Cluster constructor takes. */
  readonly startupNodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/** Starts an N-master cluster on free loopback ports with `redis-cli --cluster create`. */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 0;
  const count = masters * (1 + replicas);
  const nodes: RedisServer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      nodes.push(
        await startRedisServer({
          args: ['--cluster-enabled', 'yes', '--cluster-node-timeout', '2000', ...(options.args ?? [])],
        }),
      );
    }
    const cli = requireRedisCliBinary();
    const addresses = nodes.map((n) => `${n.host}:${n.port}`);
    await run(
      cli,
      ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes'],
      {
        timeout: 30_000,
      },
    );
    await waitUntilClusterOk(nodes, options.readyTimeoutMs ?? 20_000);
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
  return {
    nodes,
    startupNodes: nodes.map((n) => ({ host: n.host, port: n.port })),
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}

async function waitUntilClusterOk(nodes: RedisServer[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const node of nodes) {
    const client = new Redis({ host: node.host, port: node.port, maxRetriesPerRequest: 1 });
    try {
      while (true) {
        const info = await client.cluster('INFO');
        if (String(info).includes('cluster_state:ok')) break;
        if (Date.now() > deadline) throw new Error(`cluster node ${node.port} not ok within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      client.disconnect();
    }
  }
}
