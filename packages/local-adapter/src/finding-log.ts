import type { Finding, FindingLog, JsonObject } from '@agent-memory/core';
import { parseFindingInput } from '@agent-memory/core';
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
      const parsed = parseFindingInput(input);
      const now = backend.now();
      const finding: Finding = {
        id: parsed.id ?? newId(),
        taskId,
        agentId: parsed.agentId,
        subject: parsed.subject,
        verdict: parsed.verdict,
        confidence: parsed.confidence,
        summary: parsed.summary,
        evidence: parsed.evidence,
        createdAt: parsed.createdAt ?? isoTime(now),
      };
      if (parsed.data !== undefined) finding.data = parsed.data;
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
