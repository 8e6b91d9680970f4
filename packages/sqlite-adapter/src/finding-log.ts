import { assertId, type Finding, type FindingLog, parseFindingInput } from '@agent-memory/core';
import { isoTime, newId, type SqliteContext } from './context.js';
import { createListStore } from './list-store.js';

/** Findings per task: a capped list of finding JSON texts, oldest first on read. */
export function createFindingLog(ctx: SqliteContext): FindingLog {
  const { config } = ctx;
  const list = createListStore(ctx, 'f', config.limits.findingsPerTask);

  const read = (taskId: string) => {
    ctx.assertOpen();
    assertId(taskId, 'task id');
    return ctx.read('findings list', () => list.oldest(taskId, ctx.clock.now()));
  };

  return {
    async append(taskId, input) {
      ctx.assertOpen();
      assertId(taskId, 'task id');
      const parsed = parseFindingInput(input);
      const now = ctx.clock.now();
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
      const text = ctx.json(finding, 'finding');
      ctx.write('findings append', () => list.push(taskId, [text], config.ttl.findingsMs, now));
      return finding;
    },

    async list(taskId) {
      return read(taskId).map((text) => JSON.parse(text) as Finding);
    },

    async count(taskId) {
      ctx.assertOpen();
      assertId(taskId, 'task id');
      return ctx.read('findings count', () => list.length(taskId, ctx.clock.now()));
    },

    async clear(taskId) {
      ctx.assertOpen();
      assertId(taskId, 'task id');
      ctx.write('findings clear', () => list.clear(taskId));
    },
  };
}
