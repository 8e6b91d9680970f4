import { type Agent, type AgentOptions, createCoordinator } from '@agent-memory/coordination';
import { type Embedder, MemoryError, type PatternStore, toMemoryError } from '@agent-memory/core';
import type { GitPatternStore } from '@agent-memory/git-patterns';
import { type ShortTermInput, selectShortTerm } from './backend-selection.js';
import { type MemoryConfig, type MemoryConfigInput, parseMemoryConfig } from './config.js';
import { defaultLogger, type MemoryLogger } from './logger.js';
import type { Memory } from './memory.js';
import { openPatterns } from './patterns-opener.js';
import { createMemoryRecall } from './recall.js';
import { collectStatus } from './status.js';
import { createTaskClaims } from './task-claims.js';
import { bindConversation } from './user-conversation.js';

export interface CreateMemoryOptions<P extends PatternStore = GitPatternStore> {
  /** Where warnings go (pino to stderr by default; `silentLogger` in tests). */
  logger?: MemoryLogger;
  /**
   * The short-term layer as an adapter instance (closed by `memory.close()`) or a factory called
   * with the namespace, TTLs and limits of the config. Wins over `backend`/`redis` in the config.
   */
  shortTerm?: ShortTermInput;
  /** The long-term layer as any PatternStore (closed by `memory.close()`); wins over `config.patterns`. */
  patterns?: P;
  /** Environment read for backend selection and backend-specific variables (`process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** What `recall()` embeds with: the local lexical embedder by default; see `embedderFromEnv()`. */
  embedder?: Embedder;
}

/**
 * Wires config → adapters → services. The short-term backend is the caller's adapter, else the
 * registered kind the config names, else Redis when configured and answering, else the embedded
 * default; a configured Redis that does not answer degrades with one warning (see `degraded`).
 */
export async function createMemory<P extends PatternStore = GitPatternStore>(
  input: MemoryConfigInput | MemoryConfig = {},
  options: CreateMemoryOptions<P> = {},
): Promise<Memory<P>> {
  const config = parseMemoryConfig(input);
  const logger = options.logger ?? defaultLogger();
  const shortTerm = await selectShortTerm(config, logger, {
    shortTerm: options.shortTerm,
    ...(options.env ? { env: options.env } : {}),
  });
  const { adapter } = shortTerm;
  let patterns: { store: P | null; error?: string | undefined };
  try {
    patterns = options.patterns
      ? { store: options.patterns }
      : ((await openPatterns(config.patterns, logger)) as { store: P | null; error?: string });
  } catch (error) {
    await adapter.close();
    throw toMemoryError(error);
  }
  const coordinator = createCoordinator({
    adapter,
    ...(patterns.store ? { patterns: patterns.store } : {}),
    ...(config.coordination.heartbeatMs ? { heartbeatMs: config.coordination.heartbeatMs } : {}),
    ...(config.coordination.conflictThreshold !== undefined
      ? { conflictThreshold: config.coordination.conflictThreshold }
      : {}),
    onError: (error) => logger.warn({ code: error.code }, error.message),
  });

  // Facade callers name agents by id; a handle made earlier with an explicit role is reused as is.
  const handles = new Map<string, Agent>();
  const agent = (agentId: string, agentOptions?: AgentOptions): Agent => {
    const existing = handles.get(agentId);
    if (existing && (!agentOptions || agentOptions.role === existing.role)) return existing;
    const handle = coordinator.agent(agentId, agentOptions ?? { role: 'contributor' });
    handles.set(agentId, handle);
    return handle;
  };
  const reader = () => agent('agent-memory-reader', { role: 'observer' });

  const recall = createMemoryRecall({
    adapter,
    patterns: patterns.store,
    config,
    embedder: options.embedder,
  });

  let closing: Promise<void> | undefined;
  const degradedReason = shortTerm.reason;
  const memory: Memory<P> = {
    backend: adapter.kind,
    scope: adapter.scope,
    degraded: shortTerm.degraded,
    degradedReason,
    namespace: config.namespace,
    config,
    adapter,
    sessions: adapter.sessions,
    conversation: (userId) => bindConversation(adapter.conversation, userId),
    tasks: createTaskClaims((id) => agent(id)),
    findings: { list: (taskId) => reader().findings(taskId) },
    events: coordinator.bus,
    audit: (query) => reader().audit(query),
    patterns: patterns.store,
    patternsError: patterns.error,
    coordinator,
    agent,
    recall: (query, recallOptions) => recall.recall(query, recallOptions),
    promote(candidateId, { by, message }) {
      const validator = agent(by);
      if (!patterns.store) {
        return Promise.reject(
          new MemoryError(
            'NOT_FOUND',
            `cannot promote: long-term patterns are off (${patterns.error ?? 'disabled'})`,
          ),
        );
      }
      return validator.promote(candidateId, message ? { message } : {});
    },
    status: () =>
      collectStatus({
        degraded: shortTerm.degraded,
        degradedReason,
        adapter,
        coordinator,
        patterns: patterns.store,
        patternsError: patterns.error,
      }),
    close() {
      closing ??= (async () => {
        await coordinator.close();
        // a PatternStore without close() (an in-memory one) has nothing to release
        const store = patterns.store as { close?: () => Promise<void> } | null;
        await Promise.allSettled([adapter.close(), store?.close?.()]);
      })();
      return closing;
    },
  };
  return memory;
}
