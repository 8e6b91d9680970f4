import type { Cluster, Redis } from 'ioredis';
import { duplicateConnection } from './redis-connection.js';

const MAX_IDLE = 4;

/**
 * Connections for blocking reads (XREADGROUP BLOCK). A blocked command would stall every other
 * command pipelined behind it, so it never runs on the shared client; and the shared client's
 * command timeout would cut it short, so these connections have none: `use` enforces the
 * caller's deadline by dropping the connection, which fails the pending command. A connection
 * whose call failed is never reused.
 */
export class BlockingConnections {
  private readonly idle: (Redis | Cluster)[] = [];
  private readonly busy = new Set<Redis | Cluster>();
  private closed = false;

  constructor(private readonly source: Redis | Cluster) {}

  async use<T>(deadlineMs: number, step: (connection: Redis | Cluster) => Promise<T>): Promise<T> {
    const connection = this.idle.pop() ?? duplicateConnection(this.source, { withoutCommandTimeout: true });
    this.busy.add(connection);
    const timer = setTimeout(() => connection.disconnect(), deadlineMs);
    let healthy = false;
    try {
      const result = await step(connection);
      healthy = true;
      return result;
    } finally {
      clearTimeout(timer);
      this.busy.delete(connection);
      if (healthy && !this.closed && this.idle.length < MAX_IDLE && connection.status === 'ready') {
        this.idle.push(connection);
      } else {
        connection.disconnect();
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const connection of [...this.idle, ...this.busy]) connection.disconnect();
    this.idle.length = 0;
    this.busy.clear();
  }
}
