import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMemoryError } from '@agent-memory/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config-loader.js';

const dir = () => mkdtempSync(join(tmpdir(), 'am-config-'));

describe('loadConfig', () => {
  it('gives a working local setup with no input', async () => {
    const config = await loadConfig({ cwd: dir(), env: {} });
    expect(config.namespace).toBe('agent-memory');
    expect(config.redis).toBeUndefined();
    expect(config.ttl.sessionMs).toBe(3_600_000);
    expect(config.limits.windowLength).toBe(100);
  });

  it('layers file < environment < overrides', async () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 'agent-memory.config.json'),
      JSON.stringify({ namespace: 'from-file', redis: 'redis://file:6379', ttl: { sessionMs: 1000 } }),
    );
    const fileOnly = await loadConfig({ cwd, env: {} });
    expect(fileOnly).toMatchObject({
      namespace: 'from-file',
      redis: 'redis://file:6379',
      ttl: { sessionMs: 1000 },
    });
    const withEnv = await loadConfig({
      cwd,
      env: { AGENT_MEMORY_NAMESPACE: 'from-env', AGENT_MEMORY_REDIS_URL: 'redis://env:6379' },
    });
    expect(withEnv).toMatchObject({
      namespace: 'from-env',
      redis: 'redis://env:6379',
      ttl: { sessionMs: 1000 },
    });
    const withOverrides = await loadConfig({
      cwd,
      env: { AGENT_MEMORY_NAMESPACE: 'from-env' },
      overrides: { namespace: 'cli' },
    });
    expect(withOverrides.namespace).toBe('cli');
  });

  it('loads a TypeScript config file', async () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 'agent-memory.config.ts'),
      "const ns: string = 'typed';\nexport default { namespace: ns, patterns: false };\n",
    );
    const config = await loadConfig({ cwd, env: {} });
    expect(config.namespace).toBe('typed');
    expect(config.patterns).toBe(false);
  });

  it('names the bad field', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'agent-memory.config.json'), JSON.stringify({ ttl: { sessionMs: -5 } }));
    await expect(loadConfig({ cwd, env: {} })).rejects.toSatisfy(
      (e: unknown) => isMemoryError(e, 'INVALID_INPUT') && e.message.includes('ttl.sessionMs'),
    );
    await expect(loadConfig({ cwd: dir(), env: { AGENT_MEMORY_NAMESPACE: 'bad ns' } })).rejects.toSatisfy(
      (e: unknown) => isMemoryError(e, 'INVALID_INPUT') && e.message.includes('namespace'),
    );
    await expect(loadConfig({ cwd: dir(), env: { AGENT_MEMORY_SESSION_TTL_MS: 'soon' } })).rejects.toSatisfy(
      (e: unknown) => isMemoryError(e, 'INVALID_INPUT') && e.message.includes('AGENT_MEMORY_SESSION_TTL_MS'),
    );
    await expect(loadConfig({ cwd: dir(), env: {}, overrides: { redis: 'http://x' } })).rejects.toSatisfy(
      (e: unknown) => isMemoryError(e, 'INVALID_INPUT'),
    );
  });

  it('reports an unreadable config file and an explicit missing one', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'agent-memory.config.json'), '{ not json');
    await expect(loadConfig({ cwd, env: {} })).rejects.toSatisfy((e: unknown) =>
      isMemoryError(e, 'INVALID_INPUT'),
    );
    await expect(loadConfig({ cwd: dir(), env: {}, file: 'nope.json' })).rejects.toSatisfy((e: unknown) =>
      isMemoryError(e, 'NOT_FOUND'),
    );
  });

  it('refuses prototype-pollution keys in config files without polluting anything', async () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 'agent-memory.config.json'),
      '{"__proto__": {"polluted": true}, "namespace": "p"}',
    );
    await expect(loadConfig({ cwd, env: {} })).rejects.toSatisfy(
      (e: unknown) => isMemoryError(e, 'INVALID_INPUT') && e.message.includes('__proto__'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expect(
      loadConfig({ cwd: dir(), env: {}, overrides: JSON.parse('{"__proto__": {"polluted": true}}') }),
    ).resolves.toMatchObject({ namespace: 'agent-memory' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
