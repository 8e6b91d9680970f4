import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemory } from './create-memory.js';
import { type MemoryLogger, silentLogger } from './logger.js';

function recordingLogger() {
  const warnings: string[] = [];
  const logger: MemoryLogger = {
    ...silentLogger,
    warn: (obj, msg) => {
      warnings.push(typeof obj === 'string' ? obj : (msg ?? ''));
    },
  };
  return { logger, warnings };
}

describe('createMemory', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await useTestRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('shares the embedded file in the data home between two memories, and memory stays in-process only when asked', async () => {
    const a = await createMemory({ patterns: false, namespace: 'shared-file' }, { logger: silentLogger });
    const b = await createMemory({ patterns: false, namespace: 'shared-file' }, { logger: silentLogger });
    const solo = await createMemory(
      { patterns: false, namespace: 'shared-file', backend: 'memory' },
      { logger: silentLogger },
    );
    try {
      expect(a.scope).toBe('machine');
      const status = await a.status();
      expect(String(status.store?.details.file)).toBe(
        join(process.env.XDG_DATA_HOME!, 'agent-memory', 'memory.db'),
      );
      expect(status.store?.details.wal).toBe(true);
      const claim = await a.tasks.claim('t-shared', 'agent-a', { heartbeat: false });
      expect(claim).not.toBeNull();
      expect(await b.tasks.claim('t-shared', 'agent-b', { heartbeat: false })).toBeNull();
      expect(solo.scope).toBe('process');
      expect(await solo.tasks.claim('t-shared', 'agent-c', { heartbeat: false })).not.toBeNull();
    } finally {
      await Promise.all([a.close(), b.close(), solo.close()]);
    }
  });

  it('runs on the embedded SQLite file when no Redis is configured, without a warning', async () => {
    const { logger, warnings } = recordingLogger();
    const memory = await createMemory({ patterns: false }, { logger });
    expect(memory.backend).toBe('sqlite');
    expect(memory.degraded).toBe(false);
    expect(warnings).toEqual([]);
    const session = await memory.sessions.start({ userId: 'u1', context: { topic: 'auth' } });
    expect((await memory.sessions.get(session.id))?.context).toEqual({ topic: 'auth' });
    await memory.close();
  });

  it('degrades to the embedded file with exactly one warning when Redis does not answer, and never leaks the password', async () => {
    const port = await freePort();
    const { logger, warnings } = recordingLogger();
    const memory = await createMemory(
      { redis: `redis://user:s3cret-pass@127.0.0.1:${port}`, patterns: false },
      { logger },
    );
    expect(memory.backend).toBe('sqlite');
    expect(memory.degraded).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`127.0.0.1:${port}`);
    expect(warnings[0]).toContain('agent-memory serve');
    expect(warnings.join(' ')).not.toContain('s3cret-pass');
    expect(memory.degradedReason).not.toContain('s3cret-pass');
    const status = await memory.status();
    expect(status).toMatchObject({ backend: 'sqlite', degraded: true, healthy: true });
    expect(JSON.stringify(status)).not.toContain('s3cret-pass');
    await memory.close();
  });

  it('shares state between two processes-worth of memory on the same Redis', async () => {
    const namespace = redis.namespace('facade');
    const a = await createMemory({ redis: redis.url, namespace, patterns: false }, { logger: silentLogger });
    const b = await createMemory({ redis: redis.url, namespace, patterns: false }, { logger: silentLogger });
    try {
      expect(a.backend).toBe('redis');
      const claim = await a.tasks.claim('review-auth', 'agent-a', { leaseMs: 5000 });
      expect(claim?.token).toBeGreaterThan(0);
      expect(await b.tasks.claim('review-auth', 'agent-b', { leaseMs: 5000 })).toBeNull();
      expect((await b.tasks.owner('review-auth'))?.agentId).toBe('agent-a');

      await a.conversation('alice').append({ role: 'user', content: 'remember the port is 6380' });
      expect((await b.conversation('alice').recent(1))[0]?.content).toBe('remember the port is 6380');

      await a.agent('agent-a').share('review-auth', {
        agentId: 'agent-a',
        subject: 'src/auth.ts',
        verdict: 'bug',
        confidence: 0.9,
        summary: 'token compared with ==',
      });
      expect(await b.findings.list('review-auth')).toHaveLength(1);
      await a.tasks.complete(claim!);

      const status = await b.status();
      expect(status.backend).toBe('redis');
      expect(status.healthy).toBe(true);
      expect(status.scope).toBe('network');
      expect(String(status.store?.details.version)).toMatch(/^\d+\./);
      expect(status.keys.findings).toBe(1);
      const audit = await b.audit({ taskId: 'review-auth' });
      expect(audit.map((e) => e.event.event)).toEqual(
        expect.arrayContaining(['task_claimed', 'finding_shared', 'task_completed']),
      );
    } finally {
      await a.close();
      await b.close();
      await redis.cleanup(namespace);
    }
  });

  it('promotes a staged finding into a git pattern', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'am-facade-patterns-'));
    const memory = await createMemory(
      { patterns: { repo, init: true }, namespace: 'promote' },
      { logger: silentLogger },
    );
    try {
      expect(memory.patterns).not.toBeNull();
      const worker = memory.agent('worker-1');
      const finding = await worker.share('t1', {
        agentId: 'worker-1',
        subject: 'src/db.ts',
        verdict: 'sql-injection',
        confidence: 0.95,
        summary: 'query built by string concatenation',
      });
      const candidate = await worker.stage({
        taskId: 't1',
        findingIds: [finding.id],
        kind: 'security-decision',
      });
      memory.agent('lead', { role: 'validator' });
      const promotion = await memory.promote(candidate.id, { by: 'lead' });
      const saved = await memory.patterns!.get(promotion.pattern.id);
      expect(saved?.kind).toBe('security-decision');
      expect((await memory.patterns!.history(promotion.pattern.id)).length).toBe(1);
      const status = await memory.status();
      expect(status.patterns).toMatchObject({ enabled: true, count: 1 });
    } finally {
      await memory.close();
    }
  });

  it('turns off patterns with a reason when the repository does not exist', async () => {
    const { logger, warnings } = recordingLogger();
    const memory = await createMemory(
      { patterns: { repo: join(tmpdir(), 'am-missing-repo-xyz') } },
      { logger },
    );
    expect(memory.patterns).toBeNull();
    expect(memory.patternsError).toBeTruthy();
    expect(warnings.some((w) => w.includes('patterns'))).toBe(true);
    await expect(memory.promote('c1', { by: 'lead' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await memory.close();
  });

  it('close() is idempotent and later calls fail with CLOSED', async () => {
    const memory = await createMemory({ patterns: false }, { logger: silentLogger });
    await memory.close();
    await memory.close();
    await expect(memory.sessions.get('x')).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
