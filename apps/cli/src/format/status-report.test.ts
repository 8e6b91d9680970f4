import type { MemoryStatus } from 'agent-memory';
import { describe, expect, it } from 'vitest';
import { plainColors } from '../output.js';
import { backendIsDown, renderStatus } from './status-report.js';

const base: MemoryStatus = {
  backend: 'memory',
  scope: 'process',
  namespace: 'shop',
  degraded: false,
  healthy: true,
  keys: { sessions: 2, windows: 0 },
  sessions: 2,
  activeClaims: 0,
  agents: [],
  patterns: { enabled: false, reason: 'not a git repository' },
};

const line = (status: MemoryStatus, label: string) =>
  renderStatus(status, plainColors).find((l) => l.startsWith(label));

describe('status report', () => {
  it('is down only when Redis degraded to local or the backend does not answer', () => {
    expect(backendIsDown(base)).toBe(false);
    expect(backendIsDown({ ...base, degraded: true })).toBe(true);
    expect(backendIsDown({ ...base, healthy: false })).toBe(true);
  });

  it('says why in the health line', () => {
    expect(line(base, 'health')).toBe('health    ok');
    expect(
      line({ ...base, degraded: true, degradedReason: 'Redis at redis://x:1 is not reachable' }, 'health'),
    ).toBe('health    DEGRADED: Redis at redis://x:1 is not reachable');
    expect(line({ ...base, healthy: false, error: 'connection lost' }, 'health')).toBe(
      'health    DOWN: connection lost',
    );
  });

  it('shows Redis details, non-zero key counts, agents and patterns', () => {
    const redis: MemoryStatus = {
      ...base,
      backend: 'redis',
      scope: 'network',
      store: {
        summary: 'Redis 7.2.4 (standalone)',
        details: { version: '7.2.4', mode: 'standalone', roundTripMs: 0.4, usedMemoryBytes: 2 * 1024 * 1024 },
      },
      agents: [{ id: 'alice', role: 'contributor', holds: ['t1', 't2'] }],
      patterns: {
        enabled: true,
        count: 3,
        dir: '/repo/.agent-memory/patterns',
        lastCommit: {
          commit: 'abcdef0123456789',
          date: '2025-01-02T03:04:05Z',
          message: 'memory: add',
          author: 'a',
        },
      },
    };
    const lines = renderStatus(redis, plainColors, 'redis://127.0.0.1:6379');
    expect(lines[0]).toBe('backend   redis redis://127.0.0.1:6379 (Redis 7.2.4 (standalone))');
    expect(lines[1]).toBe(
      'store     version 7.2.4, mode standalone, roundTripMs 0.40 ms, usedMemoryBytes 2.0 MiB',
    );
    expect(line(redis, 'keys')).toBe('keys      sessions 2');
    expect(line(redis, 'agents')).toBe('agents    1 alive: alice (contributor) holds t1, t2');
    expect(line(redis, 'patterns')).toMatch(
      /^patterns {2}3 in \/repo\/\.agent-memory\/patterns, last commit abcdef01 .* "memory: add"$/,
    );
    expect(line(base, 'patterns')).toBe('patterns  off: not a git repository');
  });
});
