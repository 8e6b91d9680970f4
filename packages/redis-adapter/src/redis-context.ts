import { type Keyspace, MemoryError, type ShortTermConfig } from '@agent-memory/core';
import type { Cluster, Redis } from 'ioredis';
import { toBackendError } from './backend-error.js';
import { Deadlines } from './deadlines.js';
import { isCluster } from './redis-connection.js';
import type { Scripts } from './scripts.js';
import type { ServerClock } from './server-clock.js';

// Slack past commandTimeout so ioredis' own, more precise, timeout error normally wins.
const DEADLINE_GRACE_MS = 250;

/** What every store shares: the connection, key layout, config, scripts and the way calls run. */
export class RedisContext {
  private closed = false;
  private readonly deadlines: Deadlines;
  private readonly deadlineMs: number;
  /** ioredis' commandTimeout already bounds each command of this client (see `command`). */
  private readonly clientBoundsCommands: boolean;

  constructor(
    readonly client: Redis | Cluster,
    readonly keys: Keyspace,
    readonly config: ShortTermConfig,
    readonly scripts: Scripts,
    readonly clock: ServerClock,
    readonly commandTimeoutMs: number,
  ) {
    this.deadlineMs = commandTimeoutMs + DEADLINE_GRACE_MS;
    this.deadlines = new Deadlines(Math.min(100, Math.max(10, Math.floor(commandTimeoutMs / 8))));
    this.clientBoundsCommands = boundsEachCommand(client, this.deadlineMs);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  markClosed(): void {
    this.closed = true;
  }

  assertOpen(): void {
    if (this.closed) throw new MemoryError('CLOSED', 'the redis adapter is closed');
  }

  /**
   * Runs one round trip on the shared client: one command, one MULTI or one script. Refuses once
   * closed and turns every driver error into a MemoryError. When ioredis' commandTimeout bounds
   * every command of the client (ours always does, even in the offline queue) that is the
   * deadline; otherwise (a client passed in without one, a cluster still discovering its slots)
   * the call gets a deadline of its own, so nothing can hang.
   */
  command<T>(operation: string, key: string | undefined, step: () => Promise<T>): Promise<T> {
    return this.settle(operation, key, step, this.clientBoundsCommands ? 0 : this.deadlineMs);
  }

  /**
   * Like `command`, for a step of several round trips or on another connection (INFO of every
   * node, a SCAN, a blocking read): it always gets a deadline, `extraMs` past the usual one.
   */
  run<T>(operation: string, key: string | undefined, step: () => Promise<T>, extraMs = 0): Promise<T> {
    return this.settle(operation, key, step, this.deadlineMs + extraMs);
  }

  private async settle<T>(
    operation: string,
    key: string | undefined,
    step: () => Promise<T>,
    deadlineMs: number,
  ): Promise<T> {
    this.assertOpen();
    try {
      const pending = step();
      return await (deadlineMs > 0 ? this.deadlines.bound(pending, deadlineMs) : pending);
    } catch (error) {
      if (this.closed && !(error instanceof MemoryError)) {
        throw new MemoryError('CLOSED', 'the redis adapter was closed during the call', { cause: error });
      }
      throw toBackendError(error, key === undefined ? { operation } : { operation, key });
    }
  }

  /** Server time in epoch ms (for timestamps the store fills in). */
  now(): Promise<number> {
    return this.command('TIME', undefined, () => this.clock.now());
  }

  /** An ISO 8601 timestamp from the server's clock. */
  async isoNow(): Promise<string> {
    return new Date(this.clock.cachedNow() ?? (await this.now())).toISOString();
  }
}

/**
 * Whether ioredis itself fails every command of `client` within `limitMs`. A cluster does not: a
 * command waits for the slot map, without a timeout, before it reaches a node.
 */
function boundsEachCommand(client: Redis | Cluster, limitMs: number): boolean {
  if (isCluster(client)) return false;
  const timeout = (client as Redis).options?.commandTimeout;
  return typeof timeout === 'number' && timeout > 0 && timeout <= limitMs;
}
