import { createMemory, silentLogger } from 'agent-memory';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from './http-server.js';

describe('credentials', () => {
  it('never echoes a Redis password (status, degraded reason)', async () => {
    const password = 'pw-s3cret-never-shown';
    const degraded = await createMemory(
      {
        namespace: 'http-creds',
        redis: { url: `redis://user:${password}@127.0.0.1:9/0`, connectTimeoutMs: 200 },
        patterns: false,
      },
      { logger: silentLogger },
    );
    const other = await createHttpServer(degraded, { port: 0, token: 'a-configured-token-0123456789' });
    try {
      expect(other.tokenCreated).toBe(false);
      const status = await fetch(`${other.url}/api/status`, {
        headers: { authorization: `Bearer ${other.token}` },
      });
      const text = await status.text();
      expect(JSON.parse(text)).toMatchObject({ backend: 'sqlite', degraded: true });
      expect(text).not.toContain(password);
      expect(text).not.toContain(other.token);
    } finally {
      await other.close();
      await degraded.close();
    }
  });
});
