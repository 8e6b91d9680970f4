import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../../test/git-repo.js';
import { danglingRefs } from '../../test/json-refs.js';
import { createHttpServer, type HttpServer } from './http-server.js';

let memory: Memory;
let server: HttpServer;
let repo: Awaited<ReturnType<typeof tempGitRepo>>;
let dataDir: string;
const printed: string[] = [];

beforeAll(async () => {
  repo = await tempGitRepo('http');
  dataDir = await mkdtemp(join(tmpdir(), 'am-server-data-'));
  memory = await createMemory(
    { namespace: 'http-test', patterns: { repo: repo.dir } },
    { logger: silentLogger },
  );
  server = await createHttpServer(memory, {
    port: 0,
    dataDir,
    bodyLimit: 16 * 1024,
    roles: { lead: 'validator' },
    print: (line) => printed.push(line),
  });
});

afterAll(async () => {
  await server?.close();
  await memory?.close();
  await repo?.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${server.token}` });

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth()) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('access', () => {
  it('binds loopback and answers /health without a token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await call('GET', '/health', undefined, {});
    expect(health).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('requires the bearer token everywhere else (401), without echoing what was sent', async () => {
    for (const path of ['/api/status', '/api/sessions', '/events', '/openapi.json', '/mcp']) {
      const missing = await call('GET', path, undefined, {});
      expect(missing.status, path).toBe(401);
      expect(missing.json.error.code).toBe('FORBIDDEN');
    }
    const wrong = 'not-the-token-but-long-enough';
    const refused = await call('GET', '/api/status', undefined, { authorization: `Bearer ${wrong}` });
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain(wrong);
    const viaQuery = await call('GET', `/api/status?token=${server.token}`, undefined, {});
    expect(viaQuery.status).toBe(401);
  });

  it('generates the token once, prints it, and keeps it (0600) under dataDir for the next start', async () => {
    expect(server.tokenCreated).toBe(true);
    expect(printed.join('\n')).toContain(server.token);
    expect(printed.join('\n')).toContain(server.dashboardUrl);
    const file = join(dataDir, 'server-token');
    expect((await readFile(file, 'utf8')).trim()).toBe(server.token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const lines: string[] = [];
    const again = await createHttpServer(memory, { port: 0, dataDir, print: (l) => lines.push(l) });
    try {
      expect(again.token).toBe(server.token);
      expect(again.tokenCreated).toBe(false);
      expect(lines).toEqual([]);
    } finally {
      await again.close();
    }
  });
});

describe('validation', () => {
  it('answers 400 naming the field for bad bodies, params and queries', async () => {
    const confidence = await call('POST', '/api/tasks/t-bad/findings', {
      agentId: 'alice',
      subject: 'src/a.ts',
      verdict: 'bug',
      confidence: 2,
    });
    expect(confidence.status).toBe(400);
    expect(confidence.json.error).toMatchObject({ code: 'INVALID_INPUT', field: 'body.confidence' });
    expect(confidence.json.error.message).toContain('confidence');

    const missing = await call('POST', '/api/sessions', { project: 'shop' });
    expect(missing.status).toBe(400);
    expect(missing.json.error.field).toBe('body.userId');

    const badId = await call('POST', '/api/tasks/has%20space/claim', { agentId: 'alice' });
    expect(badId.status).toBe(400);
    expect(badId.json.error.field).toBe('params.taskId');

    const badQuery = await call('GET', '/api/users/alice/messages?limit=0');
    expect(badQuery.status).toBe(400);
    expect(badQuery.json.error.field).toBe('querystring.limit');

    const notJson = await call('POST', '/api/sessions', '{"userId": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe('INVALID_INPUT');
  });

  it('refuses bodies over the limit with 413 TOO_LARGE', async () => {
    const huge = await call('POST', '/api/sessions', {
      userId: 'alice',
      context: { blob: 'x'.repeat(20_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('TOO_LARGE');
  });

  it('maps MemoryError codes to statuses', async () => {
    const gone = await call('GET', '/api/sessions/never-started');
    expect(gone).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    const unknown = await call('GET', '/api/nothing-here');
    expect(unknown).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
  });
});

describe('routes mirror the facade', () => {
  it('sessions and the conversation window', async () => {
    const started = await call('POST', '/api/sessions', {
      userId: 'alice',
      project: 'shop',
      context: { goal: 'login' },
    });
    expect(started.status).toBe(201);
    const id = started.json.session.id as string;
    const read = await call('GET', `/api/sessions/${id}`);
    expect(read.json.session).toMatchObject({ id, userId: 'alice', context: { goal: 'login' } });
    expect(read.json.session.ttlMs).toBeGreaterThan(0);
    const patched = await call('PATCH', `/api/sessions/${id}`, {
      context: { goal: 'logout' },
      refreshTtl: true,
    });
    expect(patched.json.session.context).toEqual({ goal: 'logout' });
    expect((await memory.sessions.get(id))?.context).toEqual({ goal: 'logout' });
    const listed = await call('GET', '/api/sessions');
    expect(listed.json.sessions.map((s: { id: string }) => s.id)).toContain(id);

    await call('POST', '/api/users/alice/messages', { role: 'user', content: 'the bug is in auth.ts' });
    await call('POST', '/api/users/alice/messages', { role: 'assistant', content: 'looking' });
    const recalled = await call('GET', '/api/users/alice/messages?limit=1');
    expect(recalled.json.messages).toMatchObject([{ role: 'assistant', content: 'looking' }]);

    const ended = await call('DELETE', `/api/sessions/${id}`);
    expect(ended.json).toEqual({ ended: true });
    expect(await memory.sessions.get(id)).toBeNull();
  });

  it('claims, findings, conflicts and completion', async () => {
    const first = await call('POST', '/api/tasks/review-auth/claim', { agentId: 'alice', leaseMs: 60_000 });
    expect(first.json).toMatchObject({ claimed: true, claim: { taskId: 'review-auth', agentId: 'alice' } });
    const second = await call('POST', '/api/tasks/review-auth/claim', { agentId: 'bob' });
    expect(second.json).toMatchObject({ claimed: false, owner: { agentId: 'alice' }, completed: false });
    const claims = await call('GET', '/api/claims');
    expect(claims.json.claims).toContainEqual(
      expect.objectContaining({ taskId: 'review-auth', agentId: 'alice' }),
    );
    const agents = await call('GET', '/api/agents');
    expect(agents.json.agents).toContainEqual(
      expect.objectContaining({ agentId: 'alice', holds: ['review-auth'] }),
    );

    const a = await call('POST', '/api/tasks/review-auth/findings', {
      agentId: 'alice',
      subject: 'src/auth.ts',
      verdict: 'sql-injection',
      confidence: 0.9,
    });
    expect(a.status).toBe(201);
    expect(a.json.conflicts).toEqual([]);
    const b = await call('POST', '/api/tasks/review-auth/findings', {
      agentId: 'bob',
      subject: 'src/auth.ts',
      verdict: 'ok',
      confidence: 0.7,
    });
    expect(b.json.conflicts).toHaveLength(1);
    const findings = await call('GET', '/api/tasks/review-auth/findings');
    expect(findings.json.findings.map((f: { agentId: string }) => f.agentId)).toEqual(['alice', 'bob']);
    const conflicts = await call('GET', '/api/conflicts?taskId=review-auth');
    const conflictId = conflicts.json.conflicts[0].id as string;

    const notAllowed = await call('POST', `/api/conflicts/${conflictId}/resolve`, {
      agentId: 'bob',
      reason: 'mine',
    });
    expect(notAllowed).toMatchObject({ status: 403, json: { error: { code: 'FORBIDDEN' } } });
    const resolved = await call('POST', `/api/conflicts/${conflictId}/resolve`, {
      agentId: 'lead',
      reason: 'reproduced',
      verdict: 'sql-injection',
    });
    expect(resolved.json.conflict.state).toBe('resolved');

    const stale = await call('POST', '/api/tasks/review-auth/complete', { agentId: 'alice', token: 999 });
    expect(stale.status).toBe(409);
    const done = await call('POST', '/api/tasks/review-auth/complete', {
      agentId: 'alice',
      result: { fixed: true },
    });
    expect(done.json.completion).toMatchObject({
      taskId: 'review-auth',
      agentId: 'alice',
      result: { fixed: true },
    });
    const task = await call('GET', '/api/tasks/review-auth');
    expect(task.json).toMatchObject({ owner: null, completion: { agentId: 'alice' } });
    // The lease went with the completion, so the token is refused before the completion record is.
    const again = await call('POST', '/api/tasks/review-auth/complete', {
      agentId: 'alice',
      token: done.json.completion.token,
    });
    expect(again.status).toBe(409);
    expect(['CONFLICT', 'LEASE_LOST']).toContain(again.json.error.code);

    await call('POST', '/api/tasks/other/claim', { agentId: 'bob' });
    expect(await call('POST', '/api/tasks/other/release', { agentId: 'alice' })).toMatchObject({
      json: { released: false },
    });
    expect(await call('POST', '/api/tasks/other/release', { agentId: 'bob' })).toMatchObject({
      json: { released: true },
    });

    const trail = await call('GET', '/api/audit?taskId=review-auth&types=task_*,conflict_*');
    expect(trail.json.entries.map((e: { event: { event: string } }) => e.event.event)).toEqual([
      'task_claimed',
      'conflict_detected',
      'conflict_resolved',
      'task_completed',
      'task_released',
    ]);
  });

  it('patterns: record (redacted), search, history, stage and promote', async () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE';
    const recorded = await call('POST', '/api/patterns', {
      agentId: 'alice',
      message: 'record the retry fix',
      pattern: {
        kind: 'bug-fix',
        title: 'Retry the payment webhook',
        summary: 'webhooks time out under load',
        body: `Use exponential backoff. Never paste keys like ${secret} here.`,
        tags: ['payments'],
      },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json.redacted).toBe(true);
    expect(recorded.text).not.toContain(secret);
    const id = recorded.json.pattern.id as string;
    expect(repo.git('log', '--format=%B')).toContain('record the retry fix');

    const hits = await call('GET', '/api/patterns?q=webhook');
    expect(hits.json.patterns[0]).toMatchObject({ id, title: 'Retry the payment webhook' });
    expect(hits.json.patterns[0].score).toBeGreaterThan(0);
    expect((await call('GET', `/api/patterns/${id}`)).json.pattern.tags).toEqual(['payments']);
    const history = await call('GET', `/api/patterns/${id}/history`);
    expect(history.json.history).toHaveLength(1);

    await call('POST', '/api/tasks/review-cart/claim', { agentId: 'alice' });
    const finding = await call('POST', '/api/tasks/review-cart/findings', {
      agentId: 'alice',
      subject: 'src/cart.ts',
      verdict: 'race-condition',
      confidence: 0.8,
      summary: 'two tabs update the cart at once',
    });
    const staged = await call('POST', '/api/candidates', {
      agentId: 'alice',
      taskId: 'review-cart',
      findingIds: [finding.json.finding.id],
      kind: 'bug-fix',
    });
    expect(staged.status).toBe(201);
    const candidateId = staged.json.candidate.id as string;
    expect((await call('GET', '/api/candidates')).json.candidates.map((c: { id: string }) => c.id)).toContain(
      candidateId,
    );
    const forbidden = await call('POST', `/api/candidates/${candidateId}/promote`, { agentId: 'alice' });
    expect(forbidden).toMatchObject({ status: 403, json: { error: { code: 'FORBIDDEN' } } });
    const promoted = await call('POST', `/api/candidates/${candidateId}/promote`, { agentId: 'lead' });
    expect(promoted.status).toBe(200);
    expect(promoted.json.candidate.state).toBe('promoted');
    expect((await call('GET', `/api/patterns/${promoted.json.pattern.id}`)).status).toBe(200);
  });

  it('publishes an event as an agent, validated against the event schema', async () => {
    const ok = await call('POST', '/api/agents/alice/events', {
      event: 'analysis_complete',
      task_id: 'review-auth',
      findings_count: 2,
    });
    expect(ok.status).toBe(201);
    expect(ok.json.event).toMatchObject({ event: 'analysis_complete', agent_id: 'alice' });
    const bad = await call('POST', '/api/agents/alice/events', { event: 'analysis_complete' });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'INVALID_INPUT' } } });
  });

  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/api/sessions', '/api/tasks/{taskId}/claim', '/api/patterns', '/events']),
    );
    const start = doc.json.paths['/api/sessions'].post;
    expect(JSON.stringify(start.requestBody)).toContain('userId');
    expect(doc.json.paths['/']).toBeUndefined();
    expect(danglingRefs(doc.json)).toEqual([]);
  });

  it('status never shows the token', async () => {
    const status = await call('GET', '/api/status');
    expect(status.json).toMatchObject({ backend: 'sqlite', namespace: 'http-test' });
    expect(status.text).not.toContain(server.token);
  });
});

describe('MCP over Streamable HTTP at /mcp', () => {
  it('serves the same tools behind the bearer token', async () => {
    const client = new Client({ name: 'http-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: auth() },
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('claim_task');
      for (const tool of tools) expect(danglingRefs(tool.inputSchema), tool.name).toEqual([]);
      const result = await client.callTool({
        name: 'claim_task',
        arguments: { taskId: 'via-mcp', agentId: 'carol' },
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ claimed: true });
      // The HTTP API sees the claim the MCP session made: one process, one set of claims.
      const released = await call('POST', '/api/tasks/via-mcp/release', { agentId: 'carol' });
      expect(released.json.released).toBe(true);
    } finally {
      await client.close();
    }
    const anonymous = new Client({ name: 'anonymous', version: '1.0.0' });
    await expect(
      anonymous.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`))),
    ).rejects.toThrow();
  });
});
