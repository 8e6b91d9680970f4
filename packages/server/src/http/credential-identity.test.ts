import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../../test/git-repo.js';
import { httpCall, mcpClient } from '../../test/http-client.js';
import { TokenStore } from '../auth/token-store.js';
import { createHttpServer, type HttpServer } from './http-server.js';

// Identities come from credentials: issued tokens (hashed in the data home) and JWTs, checked
// through real HTTP and the official MCP SDK client against a real Redis.
const JWT_SECRET = 'a-shared-hs256-secret-of-32-characters-at-least';
let redis: TestRedis;
let repo: Awaited<ReturnType<typeof tempGitRepo>>;
let dataDir: string;
let memory: Memory;
let server: HttpServer;
let store: TokenStore;
let bob: { token: string; id: string };
let lead: { token: string; id: string };
const clients: Client[] = [];

beforeAll(async () => {
  redis = await useTestRedis();
  repo = await tempGitRepo('identity');
  dataDir = await mkdtemp(join(tmpdir(), 'am-identity-'));
  const namespace = redis.namespace('identity');
  memory = await createMemory(
    { redis: redis.url, namespace, patterns: { repo: repo.dir } },
    { logger: silentLogger },
  );
  store = TokenStore.inDataDir(dataDir);
  const issued = async (agentId: string, role: 'contributor' | 'validator') => {
    const { token, info } = await store.create({ agentId, role, namespaces: [namespace] });
    return { token, id: info.id };
  };
  bob = await issued('bob', 'contributor');
  lead = await issued('lead', 'validator');
  server = await createHttpServer(memory, {
    port: 0,
    dataDir,
    jwt: { secret: JWT_SECRET },
    print: () => undefined,
  });
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  await server?.close();
  await memory?.close();
  await redis?.stop();
  await repo?.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (method: string, path: string, token: string, body?: unknown) =>
  httpCall(server.url, method, path, { token, ...(body === undefined ? {} : { body }) });

async function stagedCandidate(taskId: string): Promise<string> {
  const finding = await call('POST', `/api/tasks/${taskId}/findings`, bob.token, {
    subject: 'src/auth.ts',
    verdict: 'bug',
    confidence: 0.9,
    summary: 'expiry compared in seconds against milliseconds',
  });
  expect(finding.status).toBe(201);
  const staged = await call('POST', '/api/candidates', bob.token, {
    taskId,
    findingIds: [finding.json.finding.id],
    kind: 'bug-fix',
    title: `Token expiry units (${taskId})`,
  });
  expect(staged.status, staged.text).toBe(201);
  return staged.json.candidate.id;
}

describe('the server acts as the credential', () => {
  it('takes the agent from the token: agentId is optional, and naming another agent is FORBIDDEN', async () => {
    const claimed = await call('POST', '/api/tasks/t-own/claim', bob.token, {});
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.json).toMatchObject({ claimed: true, claim: { agentId: 'bob' } });

    const same = await call('POST', '/api/tasks/t-own/release', bob.token, { agentId: 'bob' });
    expect(same.json).toEqual({ released: true });

    const posing = await call('POST', '/api/tasks/t-posing/claim', bob.token, { agentId: 'lead' });
    expect(posing.status).toBe(403);
    expect(posing.json.error.code).toBe('FORBIDDEN');
    expect(posing.json.error.message).toContain(`token ${bob.id} (agent "bob")`);
    expect(posing.json.error.message).toContain('"lead"');
    expect((await call('GET', '/api/tasks/t-posing', bob.token)).json.owner).toBeNull();
  });

  it("attributes remembered messages to the token's agent, and refuses another", async () => {
    const said = await call('POST', '/api/users/u1/messages', bob.token, {
      role: 'assistant',
      content: 'hi',
    });
    expect(said.status, said.text).toBe(201);
    expect(said.json.message.agentId).toBe('bob');
    const posing = await call('POST', '/api/users/u1/messages', bob.token, {
      role: 'assistant',
      content: 'I am the lead',
      agentId: 'lead',
    });
    expect(posing.status).toBe(403);
  });

  it('a contributor token cannot promote by naming a validator, over HTTP and over MCP', async () => {
    const candidateId = await stagedCandidate('t-promote');
    const byName = await call('POST', `/api/candidates/${candidateId}/promote`, bob.token, {
      agentId: 'lead',
    });
    expect(byName.status).toBe(403);
    expect(byName.json.error.message).toContain('acts as agent "bob", not "lead"');
    const asItself = await call('POST', `/api/candidates/${candidateId}/promote`, bob.token, {});
    expect(asItself.status).toBe(403);
    expect(asItself.json.error.message).toContain('(contributor) may not promote');

    const mcp = await mcpClient(server.url, bob.token);
    clients.push(mcp);
    const viaMcp = await mcp.callTool({
      name: 'promote_pattern',
      arguments: { candidateId, agentId: 'lead' },
    });
    expect(viaMcp.isError).toBe(true);
    expect(viaMcp.structuredContent).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const { error } = viaMcp.structuredContent as { error: { message: string } };
    expect(error.message).toContain(`token ${bob.id} (agent "bob") acts as agent "bob", not "lead"`);

    const candidates = await call('GET', '/api/candidates', bob.token);
    expect(candidates.json.candidates.map((c: { id: string }) => c.id)).toContain(candidateId);

    const promoted = await call('POST', `/api/candidates/${candidateId}/promote`, lead.token, {});
    expect(promoted.status, promoted.text).toBe(200);
    expect(promoted.json.candidate.state).toBe('promoted');
  });

  it('MCP tools act as the token too: claims need no agentId and carry the credential', async () => {
    const mcp = await mcpClient(server.url, lead.token);
    clients.push(mcp);
    const claimed = await mcp.callTool({ name: 'claim_task', arguments: { taskId: 't-mcp' } });
    expect(claimed.isError).toBeFalsy();
    expect(claimed.structuredContent).toMatchObject({ claimed: true, claim: { agentId: 'lead' } });
    const shared = await mcp.callTool({
      name: 'share_finding',
      arguments: { taskId: 't-mcp', subject: 'src/a.ts', verdict: 'ok', confidence: 0.5 },
    });
    expect(shared.isError).toBeFalsy();
    const completed = await mcp.callTool({ name: 'complete_task', arguments: { taskId: 't-mcp' } });
    expect(completed.isError).toBeFalsy();
    const audit = await call('GET', '/api/audit?taskId=t-mcp', lead.token);
    const steps = audit.json.entries.map((e: { event: { event: string; meta?: object } }) => [
      e.event.event,
      e.event.meta,
    ]);
    const credential = { kind: 'token', id: lead.id, agent_id: 'lead' };
    expect(steps).toEqual([
      ['task_claimed', { credential }],
      ['finding_shared', { credential }],
      ['task_completed', { credential }],
      ['task_released', { credential }],
    ]);
  });

  it('another credential cannot use an MCP session it did not open', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bob.token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': (clients[1]!.transport as { sessionId?: string }).sessionId ?? 'none',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('unknown or closed MCP session');
  });

  it('the admin token keeps working: it names the agent, with the roles the server gives', async () => {
    const missing = await call('POST', '/api/tasks/t-admin/claim', server.token, {});
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'INVALID_INPUT', field: 'agentId' });
    const claimed = await call('POST', '/api/tasks/t-admin/claim', server.token, { agentId: 'carol' });
    expect(claimed.json).toMatchObject({ claimed: true, claim: { agentId: 'carol' } });
    const released = await call('POST', '/api/tasks/t-admin/release', server.token, { agentId: 'carol' });
    expect(released.json.released).toBe(true);
    const [entry] = (await call('GET', '/api/audit?taskId=t-admin&types=task_claimed', server.token)).json
      .entries;
    expect(entry.event.meta).toEqual({ credential: { kind: 'admin', id: 'admin' } });
  });

  it('a JWT signed with the configured secret acts as its claims say; the audit trail names its subject', async () => {
    const jwt = await new SignJWT({ agent: 'ci-bot', role: 'contributor', namespaces: [memory.namespace] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ci-bot')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const claimed = await call('POST', '/api/tasks/t-jwt/claim', jwt, {});
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.json.claim.agentId).toBe('ci-bot');
    const whoami = await call('GET', '/api/namespaces', jwt);
    expect(whoami.json.credential).toEqual({
      kind: 'jwt',
      id: 'ci-bot',
      agentId: 'ci-bot',
      role: 'contributor',
    });
    const byJwt = await call('GET', '/api/audit?credential=ci-bot', server.token);
    expect(byJwt.json.entries.map((e: { event: { event: string } }) => e.event.event)).toEqual([
      'agent_joined',
      'task_claimed',
    ]);
    expect(byJwt.json.entries[1].event.meta.credential).toEqual({
      kind: 'jwt',
      id: 'ci-bot',
      agent_id: 'ci-bot',
    });
  });

  it('the audit trail names the identity of each write, and filters by credential', async () => {
    const byBob = await call('GET', `/api/audit?credential=${bob.id}`, server.token);
    const events = byBob.json.entries.map((e: { event: { event: string; agent_id: string } }) => e.event);
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      expect(event.agent_id).toBe('bob');
      expect(event.meta.credential).toEqual({ kind: 'token', id: bob.id, agent_id: 'bob' });
    }
    expect(events.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['task_claimed', 'task_released', 'finding_shared', 'pattern_staged']),
    );
    const forged = await call('POST', '/api/agents/bob/events', bob.token, {
      event: 'analysis_complete',
      task_id: 't-own',
      findings_count: 0,
      meta: { credential: { kind: 'admin', id: 'admin' } },
    });
    expect(forged.status, forged.text).toBe(201);
    expect(forged.json.event.meta.credential).toEqual({ kind: 'token', id: bob.id, agent_id: 'bob' });
  });
});
