import { isMemoryError } from '@agent-memory/core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisAdapter, type RedisAdapterOptions } from './index.js';

const refusal = (options: unknown) => {
  try {
    createRedisAdapter(options as RedisAdapterOptions);
  } catch (error) {
    return isMemoryError(error) ? error.code : error;
  }
  return 'accepted';
};

describe('createRedisAdapter options', () => {
  it('refuses conflicting or incomplete connection settings before connecting', () => {
    expect(refusal({ url: 'redis://a', cluster: [{ host: 'h', port: 1 }] })).toBe('INVALID_INPUT');
    expect(refusal({ url: 'http://a' })).toBe('INVALID_INPUT');
    expect(refusal({ sentinels: [{ host: 'h', port: 26379 }] })).toBe('INVALID_INPUT');
    expect(refusal({ name: 'mymaster' })).toBe('INVALID_INPUT');
    expect(refusal({ url: 'redis://a', password: 'x' })).toBe('INVALID_INPUT');
    expect(refusal({ client: {} })).toBe('INVALID_INPUT');
    expect(refusal({ commandTimeoutMs: 0 })).toBe('INVALID_INPUT');
    expect(refusal({ namespace: 'a*' })).toBe('INVALID_INPUT');
    expect(refusal({ limits: { windowLength: -1 } })).toBe('INVALID_INPUT');
    expect(refusal({ unknown: true })).toBe('INVALID_INPUT');
  });

  it('takes an existing client and the short-term config', async () => {
    // lazyConnect: nothing here talks to a server
    const client = new Redis({ lazyConnect: true });
    const adapter = createRedisAdapter({ client, namespace: 'team-a', ttl: { sessionMs: 5000 } });
    expect(adapter.kind).toBe('redis');
    expect(adapter.namespace).toBe('team-a');
    expect(adapter.client).toBe(client);
    await adapter.close();
    client.disconnect();
  });
});
