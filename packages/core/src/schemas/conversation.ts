import { z } from 'zod';
import { IdSchema } from '../ids.js';
import { JsonObjectSchema, TimestampSchema } from './json.js';

export const MessageRoleSchema = z.enum(['user', 'assistant', 'system', 'tool']);
export type MessageRole = z.infer<typeof MessageRoleSchema>;

/** One entry of the sliding conversation window (stored as JSON; the Redis layout is in docs/protocol.md). */
export const ConversationMessageSchema = z.object({
  role: MessageRoleSchema,
  content: z.string(),
  /** When the message was appended (set by the store when omitted). */
  ts: TimestampSchema,
  sessionId: IdSchema.optional(),
  agentId: IdSchema.optional(),
  meta: JsonObjectSchema.optional(),
});
export type ConversationMessage = z.infer<typeof ConversationMessageSchema>;

export const ConversationMessageInputSchema = ConversationMessageSchema.extend({
  ts: TimestampSchema.optional(),
}).strict();
export type ConversationMessageInput = z.input<typeof ConversationMessageInputSchema>;
