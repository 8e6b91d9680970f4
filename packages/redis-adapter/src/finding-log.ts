import { randomUUID } from 'node:crypto';
import { type Finding, type FindingLog, FindingSchema, parseFindingInput } from '@agent-memory/core';
import type { RedisContext } from './redis-context.js';
import { assertJsonWithinLimit } from './size-limit.js';
import { decodeStoredFast } from './stored-data.js';
import { isStoredFinding } from './stored-shapes.js';

/**
 * Findings as LIST `<ns>:task:{<id>}:findings` of JSON, newest first on the wire (LPUSH, as the
 * original design's agents do); list() reverses it to sharing order.
 */
export function createFindingLog(ctx: RedisContext): FindingLog {
  const { keys, config, scripts } = ctx;

  return {
    async append(taskId, input) {
      const key = keys.taskFindings(taskId);
      const parsed = parseFindingInput(input);
      const finding: Finding = {
        ...parsed,
        id: parsed.id ?? randomUUID(),
        taskId,
        createdAt: parsed.createdAt ?? (await ctx.isoNow()),
      };
      const json = JSON.stringify(finding);
      assertJsonWithinLimit(json, config.limits.maxValueBytes, 'finding');
      // LPUSH, LTRIM and PEXPIRE in one script: one round trip, one reply.
      await ctx.command('findings append', key, () =>
        scripts.listPush([key], [config.limits.findingsPerTask, config.ttl.findingsMs, json]),
      );
      return finding;
    },

    async list(taskId) {
      const key = keys.taskFindings(taskId);
      const raw = await ctx.command('LRANGE', key, () => ctx.client.lrange(key, 0, -1));
      // The key already names the task, so a finding pushed by another agent may leave taskId out.
      const withTask = (value: unknown) =>
        typeof value === 'object' && value !== null && !Array.isArray(value) && !('taskId' in value)
          ? { ...value, taskId }
          : value;
      return raw
        .reverse()
        .map((item) => decodeStoredFast(FindingSchema, isStoredFinding, item, key, 'finding', withTask));
    },

    async count(taskId) {
      const key = keys.taskFindings(taskId);
      return ctx.command('LLEN', key, () => ctx.client.llen(key));
    },

    async clear(taskId) {
      const key = keys.taskFindings(taskId);
      await ctx.command('DEL', key, () => ctx.client.del(key));
    },
  };
}
