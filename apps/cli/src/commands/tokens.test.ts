import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { createHttpServer, type HttpServer } from '@agent-memory/server';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, parseJson } from '../../test/cli-process.js';

// `agent-memory tokens` issues and revokes what a running server accepts: the server reads the same
// file in the data home, so a revocation by the CLI is refused by the server at the next request.
let redis: TestRedis;
let namespace: string;
let memory: Memory;
let server: HttpServer;
const sandbox = new CliSandbox();

beforeAll(async () => {
  redis = await useTestRedis();
  namespace = redis.namespace('cli-tokens');
  memory = await createMemory({ redis: redis.url, namespace, patterns: false }, { logger: silentLogger });
  server = await createHttpServer(memory, {
    port: 0,
    dataDir: join(sandbox.dir, 'data', 'agent-memory'),
    print: () => undefined,
  });
});
afterAll(async () => {
  await server?.close();
  await memory?.close();
  await redis?.stop();
  sandbox.cleanup();
});

const claim = (token: string, taskId: string) =>
  fetch(`${server.url}/api/tasks/${taskId}/claim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });

describe('agent-memory tokens', () => {
  it('creates a token the server accepts, lists it without the secret, and revokes it at once', async () => {
    const created = await sandbox.run([
      'tokens',
      'create',
      '--agent',
      'alice',
      '--role',
      'validator',
      '--label',
      'alice laptop',
      '--json',
      '--namespace',
      namespace,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const issued = parseJson<{ token: string; id: string; namespaces: string[]; role: string }>(
      created.stdout,
    );
    expect(issued).toMatchObject({ role: 'validator', namespaces: [namespace] });
    const response = await claim(issued.token, 'cli-task');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ claimed: true, claim: { agentId: 'alice' } });

    const listed = await sandbox.run(['tokens', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(issued.id);
    expect(listed.stdout).toContain('alice laptop');
    expect(listed.stdout).toMatch(/active/);
    expect(listed.stdout).not.toContain(issued.token);

    const audit = await sandbox.run([
      'audit',
      '--credential',
      issued.id,
      '--json',
      '--redis',
      redis.url,
      '--namespace',
      namespace,
    ]);
    expect(audit.code, audit.stderr).toBe(0);
    const entries = parseJson<{ event: { event: string; meta: { credential: unknown } } }[]>(audit.stdout);
    expect(entries.map((e) => e.event.event)).toEqual(['agent_joined', 'task_claimed']);
    expect(entries[1]!.event.meta.credential).toEqual({ kind: 'token', id: issued.id, agent_id: 'alice' });
    const none = await sandbox.run([
      'audit',
      '--credential',
      'someone-else',
      '--json',
      '--redis',
      redis.url,
      '--namespace',
      namespace,
    ]);
    expect(parseJson(none.stdout)).toEqual([]);

    const revoked = await sandbox.run(['tokens', 'revoke', issued.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`revoked token ${issued.id}`);
    const refused = await claim(issued.token, 'cli-task-2');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe('revoked');
    expect((await sandbox.run(['tokens', 'list'])).stdout).toMatch(/revoked/);
  });

  it('refuses bad input with a usage error, and an unknown id with NOT_FOUND', async () => {
    const noAgent = await sandbox.run(['tokens', 'create']);
    expect(noAgent.code).toBe(2);
    const badRole = await sandbox.run(['tokens', 'create', '--agent', 'x', '--role', 'king']);
    expect(badRole.code).toBe(2);
    const unknown = await sandbox.run(['tokens', 'revoke', 'nosuchtoken1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND');
  });
});
