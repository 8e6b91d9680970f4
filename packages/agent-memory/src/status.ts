import type { AgentPresence, Coordinator } from '@agent-memory/coordination';
import type { ShortTermAdapter } from '@agent-memory/core';
import type { GitPatternStore } from '@agent-memory/git-patterns';
import { isRedisAdapter } from './backend-selection.js';

export interface MemoryStatus {
  backend: 'redis' | 'local';
  namespace: string;
  degraded: boolean;
  degradedReason?: string;
  /** False when the backend does not answer right now. */
  healthy: boolean;
  error?: string;
  redis?: {
    version: string;
    mode: string;
    roundTripMs: number;
    usedMemoryBytes: number;
  };
  /** Keys per kind in the namespace (Redis: SCAN over every master, never KEYS). */
  keys: Record<string, number>;
  sessions: number;
  activeClaims: number;
  agents: { id: string; role: string; holds: string[] }[];
  patterns:
    | {
        enabled: true;
        count: number;
        dir: string;
        lastCommit: { commit: string; date: string; message: string; author: string } | null;
      }
    | { enabled: false; reason?: string };
}

export interface StatusSources {
  backend: 'redis' | 'local';
  degraded: boolean;
  degradedReason: string | undefined;
  adapter: ShortTermAdapter;
  coordinator: Coordinator;
  patterns: GitPatternStore | null;
  patternsError: string | undefined;
}

/** Gathers everything `agent-memory status` shows; a down backend is reported, not thrown. */
export async function collectStatus(sources: StatusSources): Promise<MemoryStatus> {
  const { adapter } = sources;
  const status: MemoryStatus = {
    backend: sources.backend,
    namespace: adapter.namespace,
    degraded: sources.degraded,
    ...(sources.degradedReason ? { degradedReason: sources.degradedReason } : {}),
    healthy: true,
    keys: {},
    sessions: 0,
    activeClaims: 0,
    agents: [],
    patterns: { enabled: false },
  };
  try {
    if (isRedisAdapter(adapter)) {
      const [roundTripMs, info, keys] = await Promise.all([
        adapter.ping(),
        adapter.serverInfo(),
        adapter.countKeys(),
      ]);
      status.redis = {
        version: info.version,
        mode: info.mode,
        roundTripMs,
        usedMemoryBytes: info.usedMemoryBytes,
      };
      status.keys = keys;
    } else if ('countKeys' in adapter && typeof adapter.countKeys === 'function') {
      status.keys = await (adapter.countKeys as () => Promise<Record<string, number>>)();
    }
    status.sessions = status.keys.sessions ?? 0;
    status.activeClaims = status.keys.leases ?? 0;
    const observer = sources.coordinator.agent('agent-memory-status', { role: 'observer' });
    const alive: AgentPresence[] = await observer.agents();
    status.agents = alive.map((a) => ({ id: a.agentId, role: a.role, holds: a.holds }));
  } catch (error) {
    status.healthy = false;
    status.error = (error as Error).message;
  }
  status.patterns = await patternsStatus(sources);
  return status;
}

async function patternsStatus(sources: StatusSources): Promise<MemoryStatus['patterns']> {
  const store = sources.patterns;
  if (!store) return { enabled: false, ...(sources.patternsError ? { reason: sources.patternsError } : {}) };
  const [all, last] = await Promise.all([store.list({ includeSuperseded: true }), store.lastCommit()]);
  const lastCommit = last
    ? { commit: last.commit, date: last.date, message: last.message, author: last.author }
    : null;
  return { enabled: true, count: all.length, dir: store.dir, lastCommit };
}
