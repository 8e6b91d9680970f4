import { randomUUID } from 'node:crypto';
import {
  type Finding,
  FindingInputSchema,
  type FindingLog,
  FindingSchema,
  parseInput,
} from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { assertWithinLimit } from './size-limit.js';
import { decodeStored } from './stored-data.js';
import { execAtomic } from './transaction.js';

/**
 * Findings as LIST `<ns>:task:{<id>}:findings` of JSON, newest first on the wire (LPUSH, as the
 * original design's agents do); list() reverses it to sharing order.
 */
export function createFindingLog(ctx: RedisContext): FindingLog {
  const { keys, config } = ctx;

  return {
    async append(taskId, input) {
      const key = keys.taskFindings(taskId);
      const parsed = parseInput(FindingInputSchema, input, 'finding');
      const finding: Finding = {
        ...parsed,
        id: parsed.id ?? randomUUID(),
        taskId,
        createdAt: parsed.createdAt ?? (await ctx.isoNow()),
      };
      assertWithinLimit(finding, config.limits.maxValueBytes, 'finding');
      await execAtomic(ctx, 'findings append', key, (tx) =>
        tx
          .lpush(key, JSON.stringify(finding))
          .ltrim(key, 0, config.limits.findingsPerTask - 1)
          .pexpire(key, config.ttl.findingsMs),
      );
      return finding;
    },

    async list(taskId) {
      const key = keys.taskFindings(taskId);
      const raw = await ctx.run('LRANGE', key, () => ctx.client.lrange(key, 0, -1));
      // The key already names the task, so a finding pushed by another agent may leave taskId out.
      const withTask = (value: unknown) =>
        typeof value === 'object' && value !== null && !Array.isArray(value) && !('taskId' in value)
          ? { ...value, taskId }
          : value;
      return raw.reverse().map((item) => decodeStored(FindingSchema, item, key, 'finding', withTask));
    },

    async count(taskId) {
      const key = keys.taskFindings(taskId);
      return ctx.run('LLEN', key, () => ctx.client.llen(key));
    },

    async clear(taskId) {
      const key = keys.taskFindings(taskId);
      await ctx.run('DEL', key, () => ctx.client.del(key));
    },
  };
}
