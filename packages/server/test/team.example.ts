import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpServer, TokenStore } from '@agent-memory/server';
import { createMemory } from 'agent-memory';

const dataDir = await mkdtemp(join(tmpdir(), 'readme-team-'));
const memory = await createMemory({ namespace: 'readme-team', patterns: false });
// What `agent-memory tokens create --agent bob` does: printed once, stored hashed.
const { token: bob } = await TokenStore.inDataDir(dataDir).create({
  agentId: 'bob',
  namespaces: ['readme-team'],
});
const server = await createHttpServer(memory, { port: 0, dataDir, print: () => {} });
const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bob}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const claimed = (await (await post('/api/tasks/t1/claim', {})).json()) as { claim: { agentId: string } };
console.log('claimed as', claimed.claim.agentId); // bob: the token's agent, no agentId needed
const posing = (await (await post('/api/tasks/t2/claim', { agentId: 'lead' })).json()) as {
  error: { code: string };
};
console.log('as lead:', posing.error.code); // FORBIDDEN: a token acts only as its own agent
await server.close();
await memory.close();
