import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCall, mcpClient } from '../../test/http-client.js';
import { SseClient } from '../../test/sse-client.js';
import { TokenStore } from '../auth/token-store.js';
import { createHttpServer, type HttpServer } from './http-server.js';

// One server, two tenants on one Redis: a credential reaches only the namespaces it lists, for
// reads, writes, the event stream and MCP alike.
let redis: TestRedis;
let dataDir: string;
let memory: Memory;
let server: HttpServer;
let nsA: string;
let nsB: string;
let onlyA: string;
let both: string;
const opened: Memory[] = [];

beforeAll(async () => {
  redis = await useTestRedis();
  dataDir = await mkdtemp(join(tmpdir(), 'am-tenants-'));
  nsA = redis.namespace('tenant-a');
  nsB = redis.namespace('tenant-b');
  memory = await createMemory(
    { redis: redis.url, namespace: nsA, patterns: false },
    { logger: silentLogger },
  );
  const store = TokenStore.inDataDir(dataDir);
  onlyA = (await store.create({ agentId: 'alice', namespaces: [nsA] })).token;
  both = (await store.create({ agentId: 'olga', role: 'observer', namespaces: [nsA, nsB] })).token;
  server = await createHttpServer(memory, {
    port: 0,
    dataDir,
    namespaces: [nsB],
    openNamespace: async (namespace) => {
      const other = await createMemory(
        { redis: redis.url, namespace, patterns: false },
        { logger: silentLogger },
      );
      opened.push(other);
      return other;
    },
    print: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
  await memory?.close();
  await redis?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (method: string, path: string, token: string, namespace?: string, body?: unknown) =>
  httpCall(server.url, method, path, {
    token,
    ...(namespace === undefined ? {} : { namespace }),
    ...(body === undefined ? {} : { body }),
  });

describe('namespaces are tenants', () => {
  it('serves several namespaces: a request names its own, the default otherwise', async () => {
    expect(server.namespaces).toEqual([nsA, nsB]);
    const inA = await call('POST', '/api/tasks/shared-name/claim', server.token, undefined, {
      agentId: 'root',
    });
    expect(inA.json.claimed).toBe(true);
    const inB = await call('POST', '/api/tasks/shared-name/claim', server.token, nsB, { agentId: 'root' });
    expect(inB.json.claimed).toBe(true);
    expect(inB.json.claim.token).toBe(1);
    expect(opened.map((m) => m.namespace)).toEqual([nsB]);
    const unknown = await call('GET', '/api/claims', server.token, 'not-served');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toContain('not served here');
  });

  it('a token for namespace A is FORBIDDEN on B for reads and writes', async () => {
    expect((await call('GET', '/api/tasks/shared-name', onlyA)).json.owner.agentId).toBe('root');
    for (const [method, path, body] of [
      ['GET', '/api/tasks/shared-name', undefined],
      ['GET', '/api/claims', undefined],
      ['GET', '/api/audit', undefined],
      ['GET', '/api/status', undefined],
      ['POST', '/api/tasks/b-task/claim', {}],
      ['POST', '/api/tasks/b-task/findings', { subject: 's', verdict: 'ok', confidence: 1 }],
    ] as const) {
      const refused = await call(method, path, onlyA, nsB, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.json.error.code).toBe('FORBIDDEN');
      expect(refused.json.error.message).toContain(`may not use namespace "${nsB}"`);
    }
    const viaQuery = await call('GET', `/api/claims?namespace=${nsB}`, onlyA);
    expect(viaQuery.status).toBe(403);
    // Nothing was written to B.
    expect((await call('GET', '/api/tasks/b-task', server.token, nsB)).json.owner).toBeNull();
  });

  it('a token listing both reads both; each tenant only sees its own', async () => {
    const inB = await call('GET', '/api/audit?types=task_claimed', both, nsB);
    expect(inB.status).toBe(200);
    expect(inB.json.entries).toHaveLength(1);
    const listed = await call('GET', '/api/namespaces', onlyA);
    expect(listed.json).toMatchObject({ default: nsA, namespaces: [nsA] });
    expect((await call('GET', '/api/namespaces', both)).json.namespaces).toEqual([nsA, nsB]);
    const observerWrite = await call('POST', '/api/tasks/b-obs/claim', both, nsB, {});
    expect(observerWrite.status).toBe(403);
    expect(observerWrite.json.error.message).toContain('(observer) may not claim');
  });

  it('the event stream of B is FORBIDDEN to a token for A; its own stream shows only A', async () => {
    const refused = await SseClient.connect(
      `${server.url}/events?token=${encodeURIComponent(onlyA)}&namespace=${nsB}`,
    );
    expect(refused.status).toBe(403);
    const own = await SseClient.connect(`${server.url}/events`, { authorization: `Bearer ${onlyA}` });
    try {
      expect(own.status).toBe(200);
      expect((await own.next()).event).toBe('ready');
      await call('POST', '/api/tasks/b-live/claim', server.token, nsB, { agentId: 'root' });
      await call('POST', '/api/tasks/a-live/claim', onlyA, undefined, {});
      // alice joins on her first act, then claims; root's claim in B never shows up here.
      const events = (await own.messages(2)).map((m) => m.data);
      expect(events).toMatchObject([
        { event: 'agent_joined', agent_id: 'alice' },
        { event: 'task_claimed', task_id: 'a-live', agent_id: 'alice' },
      ]);
    } finally {
      own.close();
    }
  });

  it('an MCP session in B is refused to a token for A', async () => {
    await expect(mcpClient(server.url, onlyA, nsB)).rejects.toThrow(/403|FORBIDDEN|may not use namespace/);
    const client = await mcpClient(server.url, both, nsB);
    try {
      const findings = await client.callTool({ name: 'list_findings', arguments: { taskId: 'shared-name' } });
      expect(findings.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});
