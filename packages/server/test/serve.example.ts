import { createHttpServer } from '@agent-memory/server';
import { createMemory } from 'agent-memory';

// Local memory here; pass `redis: process.env.REDIS_URL` to share it with every agent on that Redis.
const memory = await createMemory({ namespace: 'readme-server', patterns: false });
const server = await createHttpServer(memory, {
  port: 0, // a free port; 7420 by default
  token: 'readme-example-token-0123456789', // omit: generated, printed once, kept under `dataDir`
});
const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { method, headers, body: JSON.stringify(body) });
  return (await response.json()) as T;
}
type Claimed = { claimed: boolean; owner?: { agentId: string } };

// Two agents, one task: alice gets it, bob is told who holds it.
const alice = await api<Claimed>('POST', '/api/tasks/review-auth/claim', { agentId: 'alice' });
const bob = await api<Claimed>('POST', '/api/tasks/review-auth/claim', { agentId: 'bob' });
console.log('alice claimed:', alice.claimed, '| bob claimed:', bob.claimed, 'held by', bob.owner?.agentId);

// They disagree about a file: the second finding comes back with the conflict it opened.
await api('POST', '/api/tasks/review-auth/findings', {
  agentId: 'alice',
  subject: 'src/auth.ts',
  verdict: 'sql-injection',
  confidence: 0.9,
});
const shared = await api<{ conflicts: unknown[] }>('POST', '/api/tasks/review-auth/findings', {
  agentId: 'bob',
  subject: 'src/auth.ts',
  verdict: 'ok',
  confidence: 0.6,
});
console.log('conflicts:', shared.conflicts.length);

// A bad body is a 400 that names the field.
type Failure = { error: { code: string; field?: string } };
const bad = await api<Failure>('POST', '/api/tasks/review-auth/findings', {
  agentId: 'bob',
  subject: 'x',
  verdict: 'ok',
});
console.log('bad request:', bad.error.code, bad.error.field);

// Everything that happened, with the audit ids that /events uses as SSE ids (Last-Event-ID resumes).
const { entries } = await api<{ entries: { id: string; event: { event: string } }[] }>(
  'GET',
  '/api/audit?taskId=review-auth',
);
console.log('audit:', entries.map((e) => e.event.event).join(', '));

await api('POST', '/api/tasks/review-auth/complete', { agentId: 'alice', result: { fixed: true } });
console.log('dashboard at', new URL(server.dashboardUrl).pathname);
await server.close(); // ends event streams and MCP sessions; agents that acted through it leave
await memory.close();
