import type { JsonObject } from '@agent-memory/core';
import { type Finding, FindingInputSchema, type FindingLog, parseInput } from '@agent-memory/core';
import { copy, isoTime, newId, type PortContext } from './context.js';

export function createFindingLog(ctx: PortContext): FindingLog {
  const { backend, keys, config } = ctx;

  const items = (taskId: string): Finding[] => {
    ctx.assertOpen();
    const entry = backend.live(keys.taskFindings(taskId), 'list');
    return (entry?.items ?? []) as unknown as Finding[];
  };

  return {
    async append(taskId, input) {
      ctx.assertOpen();
      const key = keys.taskFindings(taskId);
      const parsed = parseInput(FindingInputSchema, input, 'finding');
      const now = backend.now();
      const { id, createdAt, data, ...rest } = parsed;
      const finding: Finding = {
        id: id ?? newId(),
        taskId,
        ...rest,
        createdAt: createdAt ?? isoTime(now),
        ...(data === undefined ? {} : { data }),
      };
      ctx.assertSize(finding, 'finding');
      let entry = backend.live(key, 'list', now);
      if (!entry) {
        entry = { kind: 'list', expiresAt: 0, items: [] };
        backend.set(key, entry);
      }
      entry.items.push(copy(finding) as unknown as JsonObject);
      const excess = entry.items.length - config.limits.findingsPerTask;
      if (excess > 0) entry.items.splice(0, excess);
      entry.expiresAt = now + config.ttl.findingsMs;
      return finding;
    },

    async list(taskId) {
      return items(taskId).map(copy);
    },

    async count(taskId) {
      return items(taskId).length;
    },

    async clear(taskId) {
      ctx.assertOpen();
      backend.delete(keys.taskFindings(taskId));
    },
  };
}
