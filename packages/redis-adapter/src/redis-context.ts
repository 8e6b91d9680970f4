import { type Keyspace, MemoryError, type ShortTermConfig } from '@agent-memory/core';
import type { Cluster, Redis } from 'ioredis';
import { toBackendError } from './backend-error.js';
import type { Scripts } from './scripts.js';
import type { ServerClock } from './server-clock.js';

// Slack past commandTimeout so ioredis' own, more precise, timeout error normally wins.
const DEADLINE_GRACE_MS = 250;

/** What every store shares: the connection, key layout, config, scripts and the way calls run. */
export class RedisContext {
  private closed = false;

  constructor(
    readonly client: Redis | Cluster,
    readonly keys: Keyspace,
    readonly config: ShortTermConfig,
    readonly scripts: Scripts,
    readonly clock: ServerClock,
    readonly commandTimeoutMs: number,
  ) {}

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
   * Runs one backend step: refuses once closed, turns every driver error into a MemoryError and
   * enforces a deadline of its own, so even a client the caller passed in (whose options we do
   * not control) or a cluster still discovering its slots cannot make a call hang.
   */
  async run<T>(operation: string, key: string | undefined, step: () => Promise<T>, extraMs = 0): Promise<T> {
    this.assertOpen();
    const deadlineMs = this.commandTimeoutMs + extraMs + DEADLINE_GRACE_MS;
    let timer: NodeJS.Timeout | undefined;
    const pending = Promise.resolve().then(step);
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Command timed out: no reply within ${deadlineMs} ms`)),
        deadlineMs,
      );
    });
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      // A late rejection of the abandoned step must not surface as an unhandled rejection.
      pending.catch(() => {});
      if (this.closed && !(error instanceof MemoryError)) {
        throw new MemoryError('CLOSED', 'the redis adapter was closed during the call', { cause: error });
      }
      throw toBackendError(error, key === undefined ? { operation } : { operation, key });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Server time in epoch ms (for timestamps the store fills in). */
  now(): Promise<number> {
    return this.run('TIME', undefined, () => this.clock.now());
  }

  /** An ISO 8601 timestamp from the server's clock. */
  async isoNow(): Promise<string> {
    return new Date(await this.now()).toISOString();
  }
}
