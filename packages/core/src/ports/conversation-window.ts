import type { ConversationMessage, ConversationMessageInput } from '../schemas/conversation.js';

/**
 * Sliding window of recent messages per user, bounded to the configured length (oldest dropped first).
 * Append pushes, trims to the configured length and resets the TTL in one atomic step.
 */
export interface ConversationWindow {
  /** Appends one message (ts defaults to now) and returns it as stored. TOO_LARGE past the size limit. */
  append(userId: string, message: ConversationMessageInput): Promise<ConversationMessage>;
  /** Appends several messages in order (the last one ends up newest), atomically. */
  appendMany(userId: string, messages: ConversationMessageInput[]): Promise<ConversationMessage[]>;
  /** The newest `n` messages (default 10), newest first. Empty when none. */
  recent(userId: string, n?: number): Promise<ConversationMessage[]>;
  /** How many messages the window holds (never more than its configured length). */
  length(userId: string): Promise<number>;
  /** Forgets the user's window. */
  clear(userId: string): Promise<void>;
}
