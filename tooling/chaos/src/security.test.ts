import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisAdapter } from '@agent-memory/redis-adapter';
import { freePort, type RedisServer, startRedisServer } from '@agent-memory/redis-harness';
import { createMemory, type Memory, type MemoryLogger } from 'agent-memory';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, codeOf } from './chaos-helpers.js';

// One private server with a password on `default`, two tenant ACL users and a TLS port whose
// self-signed certificate is made here with openssl.
const SECRET = 'Sup3r-s3cret-pw';
let server: RedisServer;
let tlsPort: number;
let certDir: string;
let admin: Redis;
const memories: Memory[] = [];
const lines: string[] = [];
const logger: MemoryLogger = {
  debug: (o, m) => lines.push(JSON.stringify([o, m])),
  info: (o, m) => lines.push(JSON.stringify([o, m])),
  warn: (o, m) => lines.push(JSON.stringify([o, m])),
  error: (o, m) => lines.push(JSON.stringify([o, m])),
};

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'agent-memory-tls-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
      ...['-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    ],
    { stdio: 'ignore', timeout: 30_000 },
  );
  tlsPort = await freePort();
  server = await startRedisServer({
    args: [
      ...['--tls-port', String(tlsPort), '--tls-auth-clients', 'no'],
      ...['--tls-cert-file', join(certDir, 'cert.pem'), '--tls-key-file', join(certDir, 'key.pem')],
    ],
  });
  admin = adminClient(server.url);
  for (const tenant of ['ns1', 'ns2']) {
    await admin.acl('SETUSER', `${tenant}-user`, 'reset', 'on', `>${SECRET}-${tenant}`);
    await admin.acl(
      'SETUSER',
      `${tenant}-user`,
      `~${tenant}:*`,
      `&${tenant}:*`,
      '+@all',
      '-@dangerous',
      '+info',
    );
  }
  // Last: from here on the default user needs the password too.
  await admin.config('SET', 'requirepass', SECRET);
  await admin.auth(SECRET);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(memories.map((m) => m.close()));
  admin?.disconnect();
  await server?.stop();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

const open = async (url: string, namespace: string) => {
  const memory = await createMemory(
    { namespace, redis: { url, commandTimeoutMs: 1000, connectTimeoutMs: 2000 }, patterns: false },
    { logger },
  );
  memories.push(memory);
  return memory;
};
const tenantUrl = (t: string) =>
  `redis://${t}-user:${encodeURIComponent(`${SECRET}-${t}`)}@127.0.0.1:${server.port}`;

describe('ACL users, TLS and tenant isolation', () => {
  it('two tenants restricted by key and channel pattern cannot reach each other through any API', async () => {
    const one = await open(tenantUrl('ns1'), 'ns1');
    const two = await open(tenantUrl('ns2'), 'ns2');
    expect([one.backend, two.backend]).toEqual(['redis', 'redis']);
    await one.sessions.start({ id: 's', userId: 'alice', context: { secret: 'tenant-1 data' } });
    await one.conversation('alice').append({ role: 'user', content: 'tenant-1 message' });
    await one.tasks.claim('t', 'agent-1', { heartbeat: false });
    await one.agent('agent-1').share('t', { subject: 'x', verdict: 'bug', confidence: 1 });

    // Tenant 2 sees its own empty world, never tenant 1's data.
    expect(await two.sessions.get('s')).toBeNull();
    expect(await two.conversation('alice').recent(5)).toEqual([]);
    expect(await two.tasks.owner('t')).toBeNull();
    expect(await two.findings.list('t')).toEqual([]);
    expect(await two.audit()).toEqual([]);
    const status = await two.status();
    expect(status.healthy).toBe(true);
    expect(Object.values(status.keys).reduce((n, c) => n + c, 0)).toBe(0);

    // Even pointed at the other namespace, tenant 2's credentials are refused (FORBIDDEN), not served.
    const intruder = await open(tenantUrl('ns2'), 'ns1');
    for (const attempt of [
      intruder.sessions.get('s'),
      intruder.conversation('alice').recent(5),
      intruder.tasks.owner('t'),
      intruder.findings.list('t'),
      intruder.tasks.claim('t', 'agent-2', { heartbeat: false }),
      intruder.audit(),
      intruder.events.subscribe(() => {}),
    ]) {
      expect(await codeOf(attempt)).toBe('FORBIDDEN');
    }
    expect((await one.tasks.owner('t'))?.agentId).toBe('agent-1');
    // And raw: the ACL itself refuses cross-tenant keys and channels.
    const raw2 = new Redis(tenantUrl('ns2'), { maxRetriesPerRequest: 1 });
    await expect(raw2.get('ns1:session:s')).rejects.toThrow(/NOPERM/);
    await expect(raw2.publish('ns1:agent:events', '{}')).rejects.toThrow(/NOPERM/);
    raw2.disconnect();
  });

  it('connects over TLS with a self-signed certificate it trusts, and refuses one it does not', async () => {
    const ca = readFileSync(join(certDir, 'cert.pem'));
    const client = new Redis({
      host: '127.0.0.1',
      port: tlsPort,
      password: SECRET,
      tls: { ca },
      maxRetriesPerRequest: 1,
    });
    const adapter = createRedisAdapter({
      client,
      closeClient: true,
      namespace: 'tls',
      commandTimeoutMs: 2000,
    });
    try {
      expect(await adapter.leases.acquire('t', 'agent', 60_000)).toMatchObject({ owner: 'agent', token: 1 });
      expect(await admin.get('tls:task:{t}:owner')).toBe('agent');
    } finally {
      await adapter.close();
    }
    // rediss:// to a certificate nobody vouched for: degraded, with a reason that hides the password.
    const untrusted = await open(`rediss://default:${SECRET}@127.0.0.1:${tlsPort}`, 'tls');
    expect(untrusted.backend).toBe('sqlite');
    expect(untrusted.degraded).toBe(true);
  });

  it('credentials never appear in errors, status output or logs', async () => {
    const wrong = await open(`redis://ns1-user:${SECRET}-wrong@127.0.0.1:${server.port}`, 'ns1');
    expect(wrong.degraded).toBe(true);
    const adapter = createRedisAdapter({
      url: `redis://ns1-user:${SECRET}-wrong@127.0.0.1:${server.port}`,
      namespace: 'ns1',
      commandTimeoutMs: 1000,
    });
    const failure = await adapter.ping().catch((e: unknown) => e);
    await adapter.close();
    const good = await open(tenantUrl('ns1'), 'ns1');
    const texts = [
      JSON.stringify(await good.status()),
      JSON.stringify(await wrong.status()),
      String(wrong.degradedReason),
      String(failure),
      JSON.stringify(failure),
      String((failure as { cause?: unknown }).cause ?? ''),
      lines.join('\n'),
    ];
    expect(lines.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain(SECRET);
  });
});
