import type { ConversationMessage, ConversationMessageInput, ConversationWindow } from '@agent-memory/core';

/** One user's sliding window: the ConversationWindow port with the user id bound. */
export interface UserConversation {
  readonly userId: string;
  append(message: ConversationMessageInput): Promise<ConversationMessage>;
  appendMany(messages: ConversationMessageInput[]): Promise<ConversationMessage[]>;
  /** Newest first; 10 by default. */
  recent(n?: number): Promise<ConversationMessage[]>;
  length(): Promise<number>;
  clear(): Promise<void>;
}

export function bindConversation(window: ConversationWindow, userId: string): UserConversation {
  return {
    userId,
    append: (message) => window.append(userId, message),
    appendMany: (messages) => window.appendMany(userId, messages),
    recent: (n) => window.recent(userId, n),
    length: () => window.length(userId),
    clear: () => window.clear(userId),
  };
}
