import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, CliSandbox } from '../../test/cli-process.js';

const sandbox = new CliSandbox();
let redis: TestRedis;

beforeAll(async () => {
  redis = await useTestRedis();
});
afterAll(async () => {
  await redis.stop();
  sandbox.cleanup();
});

async function connect(env: Record<string, string | undefined>, cwd: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_MAIN, 'mcp'],
    cwd,
    env: sandbox.env(env) as Record<string, string>,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'cli-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

describe('agent-memory mcp', () => {
  it('serves the memory tools over stdio to an MCP host, on Redis and a git repo', async () => {
    const repo = mkdtempSync(join(sandbox.dir, 'repo-'));
    execFileSync('git', ['init', '--quiet', repo]);
    const namespace = redis.namespace('cli-mcp');
    const client = await connect(
      {
        AGENT_MEMORY_REDIS_URL: redis.url,
        AGENT_MEMORY_NAMESPACE: namespace,
        AGENT_MEMORY_PATTERNS_REPO: repo,
        AGENT_MEMORY_PATTERNS: undefined,
      },
      repo,
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining([
          'claim_task',
          'share_finding',
          'search_patterns',
          'remember',
          'recall',
          'status',
        ]),
      );
      const claimed = await client.callTool({
        name: 'claim_task',
        arguments: { taskId: 't1', agentId: 'host-a' },
      });
      expect(claimed.isError).toBeFalsy();
      const status = await client.callTool({ name: 'status', arguments: {} });
      expect(JSON.stringify(status.structuredContent ?? status.content)).toContain('"backend":"redis"');
      const recorded = await client.callTool({
        name: 'record_pattern',
        arguments: {
          agentId: 'host-a',
          kind: 'bug-fix',
          title: 'Session cookie expired too early',
          summary: 'Logins timed out after five minutes because the cookie max-age was in seconds',
        },
      });
      expect(recorded.isError, JSON.stringify(recorded.content)).toBeFalsy();
      const recalled = await client.callTool({
        name: 'search_memory',
        arguments: { query: 'why do logins time out', scope: 'patterns' },
      });
      expect(recalled.isError, JSON.stringify(recalled.content)).toBeFalsy();
      expect(JSON.stringify(recalled.structuredContent ?? recalled.content)).toContain(
        'Session cookie expired too early',
      );
      const bad = await client.callTool({
        name: 'claim_task',
        arguments: { taskId: 'bad id', agentId: 'host-a' },
      });
      expect(bad.isError).toBe(true);
    } finally {
      await client.close();
      await redis.cleanup(namespace);
    }
  });

  it('two MCP hosts without Redis share one embedded file: each recalls the other, one claim wins', async () => {
    const env = { AGENT_MEMORY_REDIS_URL: undefined, REDIS_URL: undefined, AGENT_MEMORY_PATTERNS: 'off' };
    const [a, b] = await Promise.all([connect(env, sandbox.dir), connect(env, sandbox.dir)]);
    try {
      const text = (result: unknown) => JSON.stringify(result);
      expect(
        (
          await a.callTool({
            name: 'remember',
            arguments: { userId: 'bob', role: 'user', content: 'from host a' },
          })
        ).isError,
      ).toBeFalsy();
      expect(
        (
          await b.callTool({
            name: 'remember',
            arguments: { userId: 'bob', role: 'user', content: 'from host b' },
          })
        ).isError,
      ).toBeFalsy();
      const seenByA = text(await a.callTool({ name: 'recall', arguments: { userId: 'bob', limit: 10 } }));
      const seenByB = text(await b.callTool({ name: 'recall', arguments: { userId: 'bob', limit: 10 } }));
      for (const seen of [seenByA, seenByB]) {
        expect(seen).toContain('from host a');
        expect(seen).toContain('from host b');
      }
      const claims = await Promise.all([
        a.callTool({ name: 'claim_task', arguments: { taskId: 'shared', agentId: 'host-a' } }),
        b.callTool({ name: 'claim_task', arguments: { taskId: 'shared', agentId: 'host-b' } }),
      ]);
      const won = claims.filter(
        (c) => (c.structuredContent as { claimed?: boolean } | undefined)?.claimed === true,
      );
      expect(won, text(claims)).toHaveLength(1);
      expect(text(await a.callTool({ name: 'status', arguments: {} }))).toContain('"backend":"sqlite"');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
