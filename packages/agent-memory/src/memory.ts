import type {
  Agent,
  AgentEventBus,
  AgentOptions,
  AuditEntry,
  AuditQuery,
  Coordinator,
} from '@agent-memory/coordination';
import type { AdapterScope, Finding, PatternStore, SessionStore, ShortTermAdapter } from '@agent-memory/core';
import type { GitPatternStore } from '@agent-memory/git-patterns';
import type { RecallHit, RecallOptions } from '@agent-memory/recall';
import type { MemoryConfig } from './config.js';
import type { MemoryStatus } from './status.js';
import type { TaskClaims } from './task-claims.js';
import type { UserConversation } from './user-conversation.js';

/**
 * Everything an agent (or a person, through the CLI) reaches memory through. `P` is the long-term
 * store: the git store unless createMemory was given another PatternStore.
 */
export interface Memory<P extends PatternStore = GitPatternStore> {
  /** The short-term backend's registered kind ('redis', 'memory', or a contributed one). */
  readonly backend: string;
  /** Who shares this memory: `network`, `machine` (one file) or `process` (this process only). */
  readonly scope: AdapterScope;
  /** True when a configured network backend (Redis) was unreachable, so the embedded default stands in. */
  readonly degraded: boolean;
  /** Why it degraded (never contains credentials). */
  readonly degradedReason: string | undefined;
  readonly namespace: string;
  readonly config: MemoryConfig;
  /** The short-term adapter itself, for ports the facade does not wrap. */
  readonly adapter: ShortTermAdapter;
  /** Session context with TTL. */
  readonly sessions: SessionStore;
  /** The sliding conversation window of one user. */
  conversation(userId: string): UserConversation;
  /** Task claims: exclusive, fenced, self-renewing leases. */
  readonly tasks: TaskClaims;
  /** Findings shared per task (read side; agents share through their handle or tasks). */
  readonly findings: { list(taskId: string): Promise<Finding[]> };
  /** The typed `agent:events` bus. */
  readonly events: AgentEventBus;
  /** Replays the durable audit trail. */
  audit(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Long-term patterns (in git by default); null when no repository is configured or reachable. */
  readonly patterns: P | null;
  /** Why `patterns` is null, when it is. */
  readonly patternsError: string | undefined;
  /** The coordinator, for multi-agent workflows (roles, conflicts, staging). */
  readonly coordinator: Coordinator;
  /** The handle through which one agent acts (role defaults to contributor). */
  agent(agentId: string, options?: AgentOptions): Agent;
  /**
   * Finds what an agent needs by meaning as well as by words: full-text and vector rankings over
   * long-term patterns and (with `userId`) that user's conversation, fused by reciprocal rank.
   * `{ scope: 'patterns' | 'conversation' | 'all', userId, k, mode, filters: { kind, tags, since, until, role, sessionId } }`.
   */
  recall(query: string, options?: RecallOptions): Promise<RecallHit[]>;
  /** Promotes a staged candidate into a long-term pattern, acting as validator `by`. */
  promote(candidateId: string, options: { by: string; message?: string }): ReturnType<Agent['promote']>;
  status(): Promise<MemoryStatus>;
  /** Releases every connection, timer and child process, so the process can exit by itself. */
  close(): Promise<void>;
}
