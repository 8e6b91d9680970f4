import type { KeyKind } from '@agent-memory/core';
import { createKeyspace, parseInput, type ShortTermAdapter, type VectorIndex } from '@agent-memory/core';
import type { Cluster, Redis } from 'ioredis';
import { createConversationWindow } from './conversation-window.js';
import { createEventBus } from './event-bus.js';
import { createEventLog } from './event-log.js';
import { createFindingLog } from './finding-log.js';
import { createLeaseStore } from './lease-store.js';
import { createRecordStore } from './record-store.js';
import { type RedisAdapterOptions, RedisAdapterOptionsSchema } from './redis-adapter-options.js';
import { connect } from './redis-connection.js';
import { RedisContext } from './redis-context.js';
import { registerScripts } from './scripts.js';
import { ServerClock } from './server-clock.js';
import {
  countNamespaceKeys,
  describeServer,
  pingServer,
  readServerInfo,
  type ServerInfo,
} from './server-status.js';
import { createSessionStore } from './session-store.js';
import { createVectorIndex } from './vector-index.js';

/** The Redis short-term adapter: every core port, plus what the `status` command shows. */
export interface RedisAdapter extends ShortTermAdapter {
  readonly kind: 'redis';
  readonly scope: 'network';
  /** The ioredis client (Redis or Cluster) the adapter runs on. */
  readonly client: Redis | Cluster;
  /** Embeddings for recall by meaning: stored in Redis with a TTL, searched in-process (decision 0004). */
  readonly vectors: VectorIndex;
  /** Round-trip time of one PING in milliseconds; BACKEND_UNAVAILABLE when unreachable. */
  ping(): Promise<number>;
  serverInfo(): Promise<ServerInfo>;
  /** Keys of this namespace per kind (sessions, windows, leases, …), by SCAN on every master. */
  countKeys(): Promise<Record<KeyKind, number>>;
}

/**
 * Connects (lazily: no round trip happens here) and returns the adapter. Options are validated
 * first; an invalid one is INVALID_INPUT and no connection is made.
 */
export function createRedisAdapter(options: RedisAdapterOptions = {}): RedisAdapter {
  const resolved = parseInput(RedisAdapterOptionsSchema, options, 'redis adapter options');
  const { namespace, ttl, limits } = resolved;
  const keys = createKeyspace(namespace);
  const connection = connect(resolved);
  const { client } = connection;
  const clock = new ServerClock(() => client.time().then(([s, us]) => [String(s), String(us)]));
  const ctx = new RedisContext(
    client,
    keys,
    { namespace, ttl, limits },
    registerScripts(client),
    clock,
    resolved.commandTimeoutMs,
  );
  const events = createEventBus(ctx);
  const log = createEventLog(ctx);
  let closing: Promise<void> | undefined;

  return {
    kind: 'redis',
    scope: 'network',
    namespace,
    client,
    sessions: createSessionStore(ctx),
    conversation: createConversationWindow(ctx),
    leases: createLeaseStore(ctx),
    findings: createFindingLog(ctx),
    events,
    log,
    records: createRecordStore(ctx),
    vectors: createVectorIndex(ctx),
    ping: () => pingServer(ctx),
    serverInfo: () => readServerInfo(ctx, connection.mode),
    countKeys: () => countNamespaceKeys(ctx),
    describe: () => describeServer(ctx, connection.mode),
    close() {
      closing ??= (async () => {
        ctx.markClosed();
        events.close();
        log.close();
        if (!connection.owned) return;
        // QUIT lets replies in flight arrive; a server that is gone gets a plain disconnect.
        // The bound must not outlive the QUIT: a pending timer would keep a finished CLI call alive.
        let bound: NodeJS.Timeout | undefined;
        await Promise.race([
          client.quit().catch(() => {}),
          new Promise((r) => {
            bound = setTimeout(r, 500);
          }),
        ]);
        clearTimeout(bound);
        client.disconnect();
      })();
      return closing;
    },
  };
}
