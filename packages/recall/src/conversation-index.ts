import type {
  ConversationMessage,
  ConversationWindow,
  Embedder,
  VectorCondition,
  VectorIndex,
} from '@agent-memory/core';
import { Bm25Index } from './bm25-index.js';
import { conversationCollection, messageId } from './collection-names.js';
import type { ExpansionTerm } from './query-expansion.js';
import { messageTags } from './recall-filters.js';

const MAX_CACHED_USERS = 200;
const WRITE_CHUNK = 500;

export interface ConversationIndexOptions {
  conversation: ConversationWindow;
  vectors: VectorIndex;
  embedder: Embedder;
  /** How many messages a window holds (limits.windowLength): a sync reads them all. */
  windowLength: number;
  /** How long vectors live after their last write: the window's TTL, so they expire with it. */
  ttlMs: number;
}

interface UserIndex {
  signature: string;
  messages: Map<string, ConversationMessage>;
  text: Bm25Index;
}

export interface RankedMessage {
  id: string;
  message: ConversationMessage;
  similarity?: number;
}

/**
 * Full-text and vector indexes over each user's conversation window. The window (Redis LIST or
 * local) stays the source of truth: before a search, one cheap check (newest message + length)
 * tells whether it changed; if so the new messages are added to the process-local full-text index
 * and embedded into the shared VectorIndex (only those no process embedded yet), and messages that
 * fell out of the window are removed from both. Vectors are written with the window's TTL, so
 * they expire with the conversation.
 */
export class ConversationIndex {
  private readonly users = new Map<string, UserIndex>();
  private readonly syncing = new Map<string, Promise<UserIndex>>();

  constructor(private readonly options: ConversationIndexOptions) {}

  collection(userId: string): string {
    return conversationCollection(this.options.embedder.id, userId);
  }

  /** Brings the user's indexes up to the window; concurrent callers share one sync. */
  sync(userId: string): Promise<UserIndex> {
    const running = this.syncing.get(userId);
    if (running) return running;
    const next = this.syncOnce(userId).finally(() => this.syncing.delete(userId));
    this.syncing.set(userId, next);
    return next;
  }

  /** BM25 ranking of the window; `accept` (when given) filters. Messages are the index's own: copy before handing out. */
  async searchText(
    userId: string,
    query: string,
    limit: number,
    accept?: (message: ConversationMessage) => boolean,
    expansion: readonly ExpansionTerm[] = [],
  ): Promise<RankedMessage[]> {
    const index = await this.sync(userId);
    return index.text
      .search(query, limit, accept ? (id) => accept(index.messages.get(id)!) : undefined, expansion)
      .map((result) => ({ id: result.id, message: index.messages.get(result.id)! }));
  }

  async searchVector(
    userId: string,
    vector: Float32Array,
    limit: number,
    where: Record<string, VectorCondition> | undefined,
  ): Promise<RankedMessage[]> {
    const index = await this.sync(userId);
    if (index.messages.size === 0) return [];
    const matches = await this.options.vectors.search(this.collection(userId), vector, {
      k: limit,
      ...(where ? { where } : {}),
    });
    return matches.flatMap((m) => {
      const message = index.messages.get(m.id);
      return message ? [{ id: m.id, message, similarity: m.score }] : [];
    });
  }

  private async syncOnce(userId: string): Promise<UserIndex> {
    const { conversation } = this.options;
    const [newest, length] = await Promise.all([conversation.recent(userId, 1), conversation.length(userId)]);
    const signature = `${length}:${newest[0] ? messageId(newest[0]) : ''}`;
    const cached = this.users.get(userId);
    if (cached && cached.signature === signature) return this.remember(userId, cached);

    const window = length === 0 ? [] : await conversation.recent(userId, this.options.windowLength);
    const index = cached ?? { signature, messages: new Map(), text: new Bm25Index() };
    const current = new Map(window.map((m) => [messageId(m), m]));
    for (const id of [...index.messages.keys()]) {
      if (!current.has(id)) {
        index.messages.delete(id);
        index.text.remove(id);
      }
    }
    for (const [id, message] of current) {
      if (index.messages.has(id)) continue;
      index.messages.set(id, message);
      index.text.add(id, textOf(message));
    }
    index.signature = signature;
    await this.syncVectors(userId, current);
    return this.remember(userId, index);
  }

  private async syncVectors(userId: string, current: Map<string, ConversationMessage>): Promise<void> {
    const { vectors, embedder, ttlMs } = this.options;
    const collection = this.collection(userId);
    if (current.size === 0) {
      await vectors.drop(collection);
      return;
    }
    const stored = new Set((await vectors.list(collection)).map((entry) => entry.id));
    const missing = [...current].filter(([id]) => !stored.has(id));
    const gone = [...stored].filter((id) => !current.has(id));
    if (gone.length > 0) await vectors.remove(collection, gone);
    // In chunks: a window of thousands of messages is neither one giant request to an embedding
    // API nor one giant script call on Redis.
    for (let i = 0; i < missing.length; i += WRITE_CHUNK) {
      const chunk = missing.slice(i, i + WRITE_CHUNK);
      const embedded = await embedder.embed(
        chunk.map(([, m]) => textOf(m)),
        { purpose: 'document' },
      );
      await vectors.upsert(
        collection,
        chunk.map(([id, message], j) => ({ id, vector: embedded[j]!, attributes: attributesOf(message) })),
        { ttlMs },
      );
    }
  }

  private remember(userId: string, index: UserIndex): UserIndex {
    this.users.delete(userId);
    this.users.set(userId, index);
    for (const oldest of this.users.keys()) {
      if (this.users.size <= MAX_CACHED_USERS) break;
      this.users.delete(oldest);
    }
    return index;
  }
}

function textOf(message: ConversationMessage): string {
  const tags = messageTags(message);
  return tags.length > 0 ? `${message.content}\n${tags.join(' ')}` : message.content;
}

function attributesOf(message: ConversationMessage) {
  const tags = messageTags(message);
  return {
    role: message.role,
    ts: Date.parse(message.ts),
    ...(message.sessionId ? { sessionId: message.sessionId } : {}),
    ...(message.agentId ? { agentId: message.agentId } : {}),
    // attributes are bounded (VectorAttributesSchema); filters past the bound fall back to text
    ...(tags.length > 0 ? { tags: tags.slice(0, 64).map((t) => t.slice(0, 256)) } : {}),
  };
}
