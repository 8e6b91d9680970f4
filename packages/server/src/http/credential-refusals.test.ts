import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCall, mcpClient } from '../../test/http-client.js';
import { TokenStore } from '../auth/token-store.js';
import { createHttpServer, type HttpServer } from './http-server.js';

// Credentials that prove nothing get a 401 saying why; writes are rate limited per credential;
// a loopback server refuses other sites' Host and Origin (DNS rebinding).
let redis: TestRedis;
let dataDir: string;
let memory: Memory;
let server: HttpServer;
let store: TokenStore;
type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: { issuer: KeyPair; stranger: KeyPair };

beforeAll(async () => {
  redis = await useTestRedis();
  dataDir = await mkdtemp(join(tmpdir(), 'am-refusals-'));
  memory = await createMemory(
    { redis: redis.url, namespace: redis.namespace('refusals'), patterns: false },
    { logger: silentLogger },
  );
  store = TokenStore.inDataDir(dataDir);
  keys = { issuer: await generateKeyPair('ES256'), stranger: await generateKeyPair('ES256') };
  const jwks = join(dataDir, 'jwks.json');
  await writeFile(
    jwks,
    JSON.stringify({ keys: [{ ...(await exportJWK(keys.issuer.publicKey)), kid: 'k1', alg: 'ES256' }] }),
  );
  server = await createHttpServer(memory, {
    port: 0,
    dataDir,
    jwt: { jwks, issuer: 'https://idp.example', audience: 'agent-memory', claims: { agentId: 'agent' } },
    writeRateLimit: { max: 3, windowMs: 60_000 },
    print: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
  await memory?.close();
  await redis?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (token: string | undefined, headers: Record<string, string> = {}) =>
  httpCall(server.url, 'GET', '/api/claims', { ...(token === undefined ? {} : { token }), headers });

function signed(
  key: KeyPair['privateKey'],
  claims: Record<string, unknown>,
  expires: string | number = '5m',
) {
  return new SignJWT({ agent: 'idp-agent', role: 'contributor', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('user-42')
    .setIssuer('https://idp.example')
    .setAudience('agent-memory')
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
}

describe('401: missing, malformed, invalid, expired and revoked credentials each say so', () => {
  it('distinguishes each case, without echoing the token', async () => {
    const real = await store.create({ agentId: 'dana', namespaces: ['*'] });
    const [, id, secret] = /^amt_([a-z0-9]{12})_(.+)$/.exec(real.token)!;
    const wrongSecret = `amt_${id}_${secret!.startsWith('A') ? 'B' : 'A'}${secret!.slice(1)}`;
    const unknownId = `amt_${'a'.repeat(12)}_${secret}`;
    const anHourAgo = Date.now() - 3_600_000;
    const expired = await store.create(
      { agentId: 'old', namespaces: ['*'], expiresAt: anHourAgo + 60_000 },
      anHourAgo,
    );
    const cases: [string | undefined, Record<string, string>, string, string][] = [
      [undefined, {}, 'missing', 'missing access token'],
      [undefined, { authorization: 'Basic dXNlcjpwdw==' }, 'malformed', 'malformed access token'],
      ['amt_short', {}, 'malformed', 'amt_<12-character id>'],
      ['abc.def.ghi', {}, 'malformed', 'malformed JWT'],
      ['eyJhbGciOiJub25lIn0.e30.', {}, 'invalid', 'invalid JWT'],
      ['not-any-token-of-this-server', {}, 'invalid', 'invalid access token'],
      [wrongSecret, {}, 'invalid', 'invalid access token'],
      [unknownId, {}, 'invalid', 'invalid access token'],
      [expired.token, {}, 'expired', `token ${expired.info.id} expired at`],
    ];
    for (const [token, headers, reason, message] of cases) {
      const refused = await get(token, headers);
      expect(refused.status, reason).toBe(401);
      expect(refused.json.error, reason).toMatchObject({ code: 'FORBIDDEN', reason });
      expect(refused.json.error.message, reason).toContain(message);
      if (token) expect(refused.text).not.toContain(token);
      expect(refused.headers.get('www-authenticate')).toContain('Bearer realm="agent-memory"');
    }
    // A wrong secret and an unknown id read exactly alike: nothing tells a valid id apart.
    expect((await get(wrongSecret)).text).toBe((await get(unknownId)).text);
    expect((await get(real.token)).status).toBe(200);
  });

  it('a revoked token is refused at once, by a server already running', async () => {
    const issued = await store.create({ agentId: 'erin', namespaces: ['*'] });
    const client = await mcpClient(server.url, issued.token);
    expect((await get(issued.token)).status).toBe(200);
    // What `agent-memory tokens revoke` does: rewrite the file the server reads.
    await TokenStore.inDataDir(dataDir).revoke(issued.info.id);
    const refused = await get(issued.token);
    expect(refused.status).toBe(401);
    expect(refused.json.error).toMatchObject({ reason: 'revoked' });
    expect(refused.json.error.message).toContain(`token ${issued.info.id} was revoked at`);
    await expect(client.callTool({ name: 'list_conflicts', arguments: {} })).rejects.toThrow(
      /revoked access token/,
    );
    await client.close().catch(() => undefined);
  });

  it('a JWT signed with the configured key (JWKS file) works; another key, an expired one or the wrong audience do not', async () => {
    const good = await signed(keys.issuer.privateKey, {});
    const accepted = await httpCall(server.url, 'POST', '/api/tasks/jwt-task/claim', {
      token: good,
      body: {},
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.claim.agentId).toBe('idp-agent');

    const forged = await get(await signed(keys.stranger.privateKey, {}));
    expect(forged.json.error).toMatchObject({ reason: 'invalid' });
    expect(forged.json.error.message).toContain('signature does not verify');
    const late = await get(await signed(keys.issuer.privateKey, {}, Math.floor(Date.now() / 1000) - 60));
    expect(late.json.error).toMatchObject({ reason: 'expired' });
    const elsewhere = await get(
      await new SignJWT({ agent: 'x' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('user-42')
        .setIssuer('https://idp.example')
        .setAudience('another-service')
        .setExpirationTime('5m')
        .sign(keys.issuer.privateKey),
    );
    expect(elsewhere.json.error).toMatchObject({ reason: 'invalid' });
    expect(elsewhere.json.error.message).toContain('claim "aud"');
    const badRole = await get(await signed(keys.issuer.privateKey, { role: 'emperor' }));
    expect(badRole.json.error).toMatchObject({ reason: 'invalid' });
    expect(badRole.json.error.message).toContain('claim "role"');
  });
});

describe('write rate limits per credential', () => {
  it('answers 429 with Retry-After past the limit, for that credential only; reads go on', async () => {
    const busy = await store.create({ agentId: 'busy', namespaces: ['*'] });
    const calm = await store.create({ agentId: 'calm', namespaces: ['*'] });
    const write = (token: string, n: number) =>
      httpCall(server.url, 'POST', `/api/tasks/rl-${n}/claim`, { token, body: {} });
    for (let n = 0; n < 3; n++) expect((await write(busy.token, n)).status).toBe(200);
    const limited = await write(busy.token, 3);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.json.error).toMatchObject({ code: 'FORBIDDEN', reason: 'rate_limited' });
    expect(limited.json.error.message).toContain(`token ${busy.info.id} (agent "busy") may make 3 per 60 s`);
    expect((await get(busy.token)).status).toBe(200);
    expect((await write(calm.token, 4)).status).toBe(200);
    expect(
      (await httpCall(server.url, 'GET', '/api/tasks/rl-3', { token: busy.token })).json.owner,
    ).toBeNull();
  });
});

describe('DNS rebinding protection on a loopback bind', () => {
  const raw = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${server.url}/mcp`,
        { method: 'GET', headers: { authorization: `Bearer ${server.token}`, ...headers } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end();
    });

  it('refuses a foreign Host or Origin, and accepts loopback ones', async () => {
    expect(await raw({ host: `evil.example:${server.port}` })).toBe(403);
    expect(await raw({ origin: 'http://evil.example' })).toBe(403);
    expect(await raw({ origin: 'null' })).toBe(403);
    // Past the check, /mcp answers 400: a GET without a session must start with initialize.
    expect(await raw({ host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` })).toBe(
      400,
    );
    expect(await raw({ origin: `http://127.0.0.1:${server.port}` })).toBe(400);
  });
});
