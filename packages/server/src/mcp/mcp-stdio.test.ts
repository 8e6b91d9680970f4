import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../../test/git-repo.js';
import { danglingRefs } from '../../test/json-refs.js';
import { type StdioHost, spawnStdioServer } from '../../test/mcp-stdio-client.js';

// The stdio server runs as a separate process (dist/bin/mcp-stdio.js), spawned by the SDK's client
// exactly as Claude Code or Cursor would; this file checks what lands in Redis and git.
let redis: TestRedis;
let repo: Awaited<ReturnType<typeof tempGitRepo>>;
let observer: Memory;
let env: Record<string, string>;
let host: StdioHost;

beforeAll(async () => {
  redis = await useTestRedis();
  repo = await tempGitRepo('mcp');
  const namespace = redis.namespace('mcp');
  env = {
    AGENT_MEMORY_REDIS_URL: redis.url,
    AGENT_MEMORY_NAMESPACE: namespace,
    AGENT_MEMORY_PATTERNS_REPO: repo.dir,
    AGENT_MEMORY_ROLES: 'lead=validator',
  };
  observer = await createMemory(
    { redis: redis.url, namespace, patterns: { repo: repo.dir } },
    { logger: silentLogger },
  );
  host = await spawnStdioServer(env, repo.dir);
});

afterAll(async () => {
  await host?.close();
  await observer?.close();
  await redis?.stop();
  await repo?.remove();
});

const TOOLS = [
  'start_session',
  'get_session',
  'update_session',
  'remember',
  'recall',
  'search_memory',
  'claim_task',
  'release_task',
  'complete_task',
  'share_finding',
  'list_findings',
  'list_conflicts',
  'search_patterns',
  'get_pattern',
  'record_pattern',
  'stage_pattern',
  'list_candidates',
  'promote_pattern',
  'status',
];

describe('MCP over stdio', () => {
  it('lists every tool with a described input schema', async () => {
    const { tools } = await host.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(20);
      expect(tool.inputSchema.type).toBe('object');
      expect(danglingRefs(tool.inputSchema), tool.name).toEqual([]);
    }
    const claim = tools.find((t) => t.name === 'claim_task')!;
    // agentId is optional in the schema (a token over HTTP names the agent); over stdio the host is the
    // local user, like the admin token, so a call must name it.
    expect(claim.inputSchema.required).toEqual(['taskId']);
    expect(Object.keys(claim.inputSchema.properties ?? {})).toContain('agentId');
    const anonymous = await host.call('claim_task', { taskId: 'nobody-named' });
    expect(anonymous.isError).toBe(true);
    expect(anonymous.data.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(anonymous.data.error.message).toContain('agentId is required');
  });

  it('sessions and the conversation window land in Redis', async () => {
    const started = await host.call('start_session', {
      userId: 'alice',
      project: 'shop',
      context: { goal: 'fix login' },
    });
    expect(started.isError).toBeFalsy();
    const id = started.data.session.id as string;
    expect(await observer.sessions.get(id)).toMatchObject({
      userId: 'alice',
      context: { goal: 'fix login' },
    });

    const current = await host.call('get_session');
    expect(current.data.session.id).toBe(id);
    expect(current.data.ttlMs).toBeGreaterThan(0);

    await host.call('update_session', { context: { goal: 'fix login', found: 'auth.ts:42' } });
    expect((await observer.sessions.get(id))?.context).toEqual({ goal: 'fix login', found: 'auth.ts:42' });

    const remembered = await host.call('remember', { role: 'user', content: 'the bug is in auth.ts' });
    expect(remembered.data.message).toMatchObject({ sessionId: id });
    const [newest] = await observer.conversation('alice').recent(1);
    expect(newest).toMatchObject({ role: 'user', content: 'the bug is in auth.ts', sessionId: id });
    const recalled = await host.call('recall', { limit: 5 });
    expect(recalled.data.messages).toHaveLength(1);
    // By meaning, over the current session's user: other words than the ones remembered.
    const byMeaning = await host.call('search_memory', {
      query: 'where is the defect',
      scope: 'conversation',
    });
    expect(byMeaning.data.hits[0]).toMatchObject({
      source: 'message',
      message: { content: 'the bug is in auth.ts' },
    });

    const resource = await host.client.readResource({ uri: 'session://current' });
    const body = JSON.parse((resource.contents[0] as { text: string }).text);
    expect(body.session).toMatchObject({ id, context: { found: 'auth.ts:42' } });
  });

  it('claims, findings and conflicts', async () => {
    const claimed = await host.call('claim_task', { taskId: 'review-auth', agentId: 'alice' });
    expect(claimed.data).toMatchObject({ claimed: true, claim: { agentId: 'alice' } });
    expect(await observer.tasks.owner('review-auth')).toMatchObject({ agentId: 'alice' });
    const taken = await host.call('claim_task', { taskId: 'review-auth', agentId: 'bob' });
    expect(taken.data).toMatchObject({ claimed: false, owner: { agentId: 'alice' } });

    const first = await host.call('share_finding', {
      taskId: 'review-auth',
      agentId: 'alice',
      subject: 'src/auth.ts',
      verdict: 'sql-injection',
      confidence: 0.9,
    });
    expect(first.data.conflicts).toEqual([]);
    const second = await host.call('share_finding', {
      taskId: 'review-auth',
      agentId: 'bob',
      subject: 'src/auth.ts',
      verdict: 'ok',
      confidence: 0.6,
    });
    expect(second.data.conflicts).toHaveLength(1);
    expect((await observer.findings.list('review-auth')).map((f) => f.agentId)).toEqual(['alice', 'bob']);
    const listed = await host.call('list_findings', { taskId: 'review-auth' });
    expect(listed.data.findings).toHaveLength(2);
    const conflicts = await host.call('list_conflicts', { taskId: 'review-auth' });
    expect(conflicts.data.conflicts[0].positions.map((p: { verdict: string }) => p.verdict).sort()).toEqual([
      'ok',
      'sql-injection',
    ]);

    const done = await host.call('complete_task', {
      taskId: 'review-auth',
      agentId: 'alice',
      result: { fixed: true },
    });
    expect(done.data.completion).toMatchObject({ agentId: 'alice', result: { fixed: true } });
    expect(await observer.agent('observer', { role: 'observer' }).completion('review-auth')).toMatchObject({
      agentId: 'alice',
    });
    expect(await observer.tasks.owner('review-auth')).toBeNull();

    await host.call('claim_task', { taskId: 'review-cart', agentId: 'bob' });
    expect((await host.call('release_task', { taskId: 'review-cart', agentId: 'bob' })).data.released).toBe(
      true,
    );
    expect(await observer.tasks.owner('review-cart')).toBeNull();
  });

  it('patterns: record through redaction into git, search, read, resources, stage and promote', async () => {
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const recorded = await host.call('record_pattern', {
      agentId: 'alice',
      kind: 'security-decision',
      title: 'Parameterise every SQL query',
      summary: 'string concatenation in login() allowed injection',
      body: `Use placeholders. The leaked token was ${secret}.`,
      tags: ['sql', 'auth'],
      files: ['src/auth.ts'],
    });
    expect(recorded.isError).toBeFalsy();
    expect(recorded.data.redacted).toBe(true);
    const id = recorded.data.pattern.id as string;
    expect(JSON.stringify(recorded)).not.toContain(secret);
    expect(repo.git('log', '--format=%s')).toContain('Parameterise every SQL query');
    const file = repo
      .git('ls-files')
      .split('\n')
      .find((f) => f.includes(id))!;
    expect(await readFile(join(repo.dir, file), 'utf8')).not.toContain(secret);

    const search = await host.call('search_patterns', { query: 'sql injection login' });
    expect(search.data.hits[0]).toMatchObject({ id, kind: 'security-decision' });
    const got = await host.call('get_pattern', { id, history: true });
    expect(got.data.pattern.tags).toEqual(['sql', 'auth']);
    expect(got.data.history).toHaveLength(1);

    const { resources } = await host.client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`pattern://${id}`);
    const read = await host.client.readResource({ uri: `pattern://${id}` });
    expect((read.contents[0] as { text: string }).text).toContain('# Parameterise every SQL query');

    // An open conflict blocks staging its subject, so stage from an undisputed finding.
    const shared = await host.call('share_finding', {
      taskId: 'review-login',
      agentId: 'alice',
      subject: 'src/login.ts',
      verdict: 'sql-injection',
      confidence: 0.9,
    });
    const staged = await host.call('stage_pattern', {
      agentId: 'alice',
      taskId: 'review-login',
      findingIds: [shared.data.finding.id],
      kind: 'security-decision',
      title: 'Login concatenated SQL',
    });
    expect(staged.isError, JSON.stringify(staged.data)).toBeFalsy();
    const candidateId = staged.data.candidate.id as string;
    expect((await host.call('list_candidates')).data.candidates.map((c: { id: string }) => c.id)).toContain(
      candidateId,
    );
    const refused = await host.call('promote_pattern', { candidateId, agentId: 'alice' });
    expect(refused.isError).toBe(true);
    expect(refused.data.error.code).toBe('FORBIDDEN');
    const promoted = await host.call('promote_pattern', { candidateId, agentId: 'lead' });
    expect(promoted.data.candidate.state).toBe('promoted');
    expect(await observer.patterns?.get(promoted.data.pattern.id)).toMatchObject({
      title: 'Login concatenated SQL',
    });
  });

  it('errors come back as tool errors with the MemoryError code, and the server keeps serving', async () => {
    const missing = await host.call('get_session', { sessionId: 'no-such-session' });
    expect(missing.isError).toBe(true);
    expect(missing.data.error.code).toBe('NOT_FOUND');
    expect((missing.content as { text: string }[])[0]!.text).toMatch(/^NOT_FOUND: /);

    const badId = await host.call('claim_task', { taskId: 'has space', agentId: 'alice' });
    expect(badId.isError).toBe(true);
    expect((badId.content as { text: string }[])[0]!.text).toContain('taskId');

    const notStarted = await host.call('complete_task', { taskId: 'never-claimed', agentId: 'alice' });
    expect(notStarted.data.error.code).toBe('NOT_FOUND');

    const status = await host.call('status');
    expect(status.isError).toBeFalsy();
    expect(status.data).toMatchObject({ backend: 'redis', healthy: true });
    expect(status.data.patterns).toMatchObject({ enabled: true });
    expect(JSON.stringify(status.data)).not.toContain(redis.url.replace(/^redis:\/\//, ''));
  });

  it('two hosts racing for one claim on the same Redis: exactly one wins', async () => {
    const second = await spawnStdioServer(env, repo.dir);
    try {
      const results = await Promise.all([
        host.call('claim_task', { taskId: 'race', agentId: 'agent-a' }),
        second.call('claim_task', { taskId: 'race', agentId: 'agent-b' }),
      ]);
      const winners = results.filter((r) => r.data.claimed);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.data.claim.agentId as string;
      const loser = results.find((r) => !r.data.claimed)!;
      expect(loser.data.owner.agentId).toBe(winner);
      expect((await observer.tasks.owner('race'))?.agentId).toBe(winner);

      // The heartbeat lives in the winner's server: when its host goes away, the claim is handed back.
      const [winnerHost, loserHost, loserAgent] =
        winner === 'agent-a' ? [host, second, 'agent-b'] : [second, host, 'agent-a'];
      await winnerHost.close();
      expect(await observer.tasks.owner('race')).toBeNull();
      const retry = await loserHost.call('claim_task', { taskId: 'race', agentId: loserAgent });
      expect(retry.data.claimed).toBe(true);
      if (winnerHost === host) host = second;
    } finally {
      if (host !== second) await second.close();
    }
  });
});
