import type { ChainableCommander } from 'ioredis';
import type { RedisContext } from './redis-context.js';

/**
 * Runs commands on one key (or one hash slot) as MULTI/EXEC and returns their replies. Redis does
 * not roll back a transaction when one command fails (a key of the wrong type, say), so the first
 * error reply fails the whole call instead of being reported as success.
 */
export async function execAtomic(
  ctx: RedisContext,
  operation: string,
  key: string,
  build: (tx: ChainableCommander) => ChainableCommander,
): Promise<unknown[]> {
  return ctx.run(operation, key, async () => {
    const replies = await build(ctx.client.multi()).exec();
    if (replies === null) throw new Error('transaction aborted');
    return replies.map(([error, reply]) => {
      if (error) throw error;
      return reply;
    });
  });
}
