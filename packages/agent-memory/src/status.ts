import type { AgentPresence, Coordinator } from '@agent-memory/coordination';
import type { AdapterScope, PatternStore, ShortTermAdapter } from '@agent-memory/core';

export interface MemoryStatus {
  /** The short-term backend's registered kind. */
  backend: string;
  /** Who shares this memory: `network`, `machine` or `process`. */
  scope: AdapterScope;
  namespace: string;
  degraded: boolean;
  degradedReason?: string;
  /** False when the backend does not answer right now. */
  healthy: boolean;
  error?: string;
  /** Where memory lives and how the backend is doing, as the adapter describes itself. */
  store?: { summary: string; details: Record<string, string | number | boolean | null> };
  /** Items per kind in the namespace, counted by the backend (Redis: SCAN over every master, never KEYS). */
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
  degraded: boolean;
  degradedReason: string | undefined;
  adapter: ShortTermAdapter;
  coordinator: Coordinator;
  patterns: PatternStore | null;
  patternsError: string | undefined;
}

/** Gathers everything `agent-memory status` shows; a down backend is reported, not thrown. */
export async function collectStatus(sources: StatusSources): Promise<MemoryStatus> {
  const { adapter } = sources;
  const status: MemoryStatus = {
    backend: adapter.kind,
    scope: adapter.scope,
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
    const [store, keys] = await Promise.all([adapter.describe(), adapter.countKeys()]);
    status.store = store;
    status.keys = keys;
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
  // dir and lastCommit are the git store's; another PatternStore reports its count only.
  const git = store as PatternStore & Partial<GitExtras>;
  const [all, last] = await Promise.all([
    store.list({ includeSuperseded: true }),
    typeof git.lastCommit === 'function' ? git.lastCommit() : null,
  ]);
  const lastCommit = last
    ? { commit: last.commit, date: last.date, message: last.message, author: last.author }
    : null;
  return { enabled: true, count: all.length, dir: git.dir ?? '', lastCommit };
}

interface GitExtras {
  dir: string;
  lastCommit(): Promise<{ commit: string; date: string; message: string; author: string } | null>;
}
