import type { ConversationMessage } from 'agent-memory';
import type { Colors } from '../output.js';
import { formatTime } from './time.js';

export function renderMessage(message: ConversationMessage, c: Colors): string {
  const who = message.agentId ? `${message.role} ${c.dim(`(${message.agentId})`)}` : message.role;
  return `${c.dim(formatTime(message.ts))}  ${c.cyan(who)}: ${message.content}`;
}
