import { type Agent, type AgentOptions, createCoordinator } from '@agent-memory/coordination';
import { type Embedder, MemoryError, toMemoryError } from '@agent-memory/core';
import { selectShortTerm } from './backend-selection.js';
import { type MemoryConfig, type MemoryConfigInput, parseMemoryConfig } from './config.js';
import { defaultLogger, type MemoryLogger } from './logger.js';
import type { Memory } from './memory.js';
import { openPatterns } from './patterns-opener.js';
import { createMemoryRecall } from './recall.js';
import { collectStatus } from './status.js';
import { createTaskClaims } from './task-claims.js';
import { bindConversation } from './user-conversation.js';

export interface CreateMemoryOptions {
  /** Where warnings go (pino to stderr by default; `silentLogger` in tests). */
  logger?: MemoryLogger;
  /** What `recall()` embeds with: the local lexical embedder by default; see `embedderFromEnv()`. */
  embedder?: Embedder;
}

/**
 * Wires config → adapters → services. With Redis configured and answering, memory is shared by every
 * process on that Redis; otherwise the local adapter stands in, with one warning (see `backend`).
 */
export async function createMemory(
  input: MemoryConfigInput | MemoryConfig = {},
  options: CreateMemoryOptions = {},
): Promise<Memory> {
  const config = parseMemoryConfig(input);
  const logger = options.logger ?? defaultLogger();
  const shortTerm = await selectShortTerm(config, logger);
  const { adapter } = shortTerm;
  let patterns: Awaited<ReturnType<typeof openPatterns>>;
  try {
    patterns = await openPatterns(config.patterns, logger);
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
  const degradedReason = shortTerm.backend === 'local' ? shortTerm.reason : undefined;
  const memory: Memory = {
    backend: shortTerm.backend,
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
        backend: shortTerm.backend,
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
        await Promise.allSettled([adapter.close(), patterns.store?.close()]);
      })();
      return closing;
    },
  };
  return memory;
}
