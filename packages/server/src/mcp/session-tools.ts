import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ConversationMessageInputSchema,
  DurationMsSchema,
  IdSchema,
  JsonObjectSchema,
  MemoryError,
  MessageRoleSchema,
  RecallFiltersSchema,
  SessionFieldsSchema,
} from 'agent-memory';
import { z } from 'zod';
import type { Caller } from '../auth/caller.js';
import type { ServerContext } from '../server-context.js';
import type { ConnectionState } from './connection-state.js';
import { defineTool } from './define-tool.js';

const sessionIdArg = IdSchema.optional().describe(
  'Session id; defaults to the session started or opened last on this connection.',
);

/** Session context and the conversation window. */
export function registerSessionTools(
  server: McpServer,
  ctx: ServerContext,
  state: ConnectionState,
  caller: Caller,
): void {
  const { memory, sessions, secrets, agents } = ctx;
  /** A session started, read or updated here becomes the connection's current session and user. */
  const adopt = (session: { id: string; userId: string }) => {
    sessions.remember(session.id);
    state.currentSessionId = session.id;
    state.currentUserId = session.userId;
  };

  defineTool(
    server,
    secrets,
    'start_session',
    {
      title: 'Start session',
      description:
        'Starts a session for a user in a project and stores its context (any JSON object) with a TTL ' +
        '(1 h by default). Later session and conversation tools default to this session and user.',
      inputSchema: {
        userId: IdSchema.describe('Who the session is for.'),
        project: z.string().max(1024).optional().describe('Project path or name.'),
        context: JsonObjectSchema.optional().describe('Initial context: goals, decisions, open questions.'),
        fields: SessionFieldsSchema.optional().describe('Extra string fields stored beside the context.'),
        sessionId: IdSchema.optional().describe('Choose the id; generated when omitted.'),
        ttlMs: DurationMsSchema.optional().describe('Lifetime in ms (default from config).'),
      },
    },
    async (args) => {
      const session = await memory.sessions.start({
        userId: args.userId,
        ...(args.project === undefined ? {} : { project: args.project }),
        ...(args.context === undefined ? {} : { context: args.context }),
        ...(args.fields === undefined ? {} : { fields: args.fields }),
        ...(args.sessionId === undefined ? {} : { id: args.sessionId }),
        ...(args.ttlMs === undefined ? {} : { ttlMs: args.ttlMs }),
      });
      adopt(session);
      return { value: { session }, summary: `Started session ${session.id}.` };
    },
  );

  defineTool(
    server,
    secrets,
    'get_session',
    {
      title: 'Get session',
      description:
        'Reads a session (context, project, user) and how long it has left; it becomes the current ' +
        'session of this connection. NOT_FOUND when it ended or expired.',
      inputSchema: { sessionId: sessionIdArg },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const id = state.sessionId(args.sessionId);
      const [session, ttlMs] = await Promise.all([memory.sessions.get(id), memory.sessions.ttl(id)]);
      if (!session) throw new MemoryError('NOT_FOUND', `session "${id}" does not exist or expired`);
      adopt(session);
      return { value: { session, ttlMs } };
    },
  );

  defineTool(
    server,
    secrets,
    'update_session',
    {
      title: 'Update session',
      description:
        'Updates a live session: `context` replaces the whole context object, `fields` are merged, ' +
        '`refreshTtl` resets the expiry (true for the default TTL, or a number of ms).',
      inputSchema: {
        sessionId: sessionIdArg,
        context: JsonObjectSchema.optional().describe('The new context (replaces the old one).'),
        project: z.string().max(1024).optional(),
        fields: SessionFieldsSchema.optional(),
        refreshTtl: z.union([z.boolean(), DurationMsSchema]).optional(),
      },
    },
    async (args) => {
      const id = state.sessionId(args.sessionId);
      const session = await memory.sessions.update(
        id,
        {
          ...(args.context === undefined ? {} : { context: args.context }),
          ...(args.project === undefined ? {} : { project: args.project }),
          ...(args.fields === undefined ? {} : { fields: args.fields }),
        },
        args.refreshTtl === undefined ? {} : { refreshTtl: args.refreshTtl },
      );
      adopt(session);
      return { value: { session }, summary: `Updated session ${session.id}.` };
    },
  );

  defineTool(
    server,
    secrets,
    'remember',
    {
      title: 'Remember a message',
      description:
        "Appends a message to the user's sliding conversation window (newest kept, oldest dropped). " +
        'userId and sessionId default to the current session.',
      inputSchema: {
        role: MessageRoleSchema,
        content: ConversationMessageInputSchema.shape.content,
        userId: IdSchema.optional(),
        sessionId: IdSchema.optional(),
        agentId: IdSchema.optional().describe('The agent that said or heard it.'),
        meta: JsonObjectSchema.optional(),
      },
    },
    async (args) => {
      const userId = state.userId(args.userId);
      const sessionId = args.sessionId ?? (args.userId === undefined ? state.currentSessionId : undefined);
      const agentId = agents.speakerFor(caller, args.agentId);
      const message = await memory.conversation(userId).append({
        role: args.role,
        content: args.content,
        ...(sessionId === undefined ? {} : { sessionId }),
        ...(agentId === undefined ? {} : { agentId }),
        ...(args.meta === undefined ? {} : { meta: args.meta }),
      });
      return { value: { userId, message }, summary: `Remembered for ${userId}.` };
    },
  );

  defineTool(
    server,
    secrets,
    'recall',
    {
      title: 'Recall recent messages',
      description:
        "The newest messages of the user's conversation window, newest first (10 by default). userId " +
        'defaults to the current session.',
      inputSchema: {
        userId: IdSchema.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const userId = state.userId(args.userId);
      const messages = await memory.conversation(userId).recent(args.limit ?? 10);
      return { value: { userId, messages } };
    },
  );

  defineTool(
    server,
    secrets,
    'search_memory',
    {
      title: 'Recall by meaning',
      description:
        'Finds what the team knows about a question even when the words differ: hybrid full-text + ' +
        'vector search over long-term patterns and (with userId, or scope "conversation") the user\'s ' +
        'conversation window. Filters: pattern kind, tags, time. Returns hits best first.',
      inputSchema: {
        query: z.string().min(1).max(1000),
        scope: z.enum(['all', 'patterns', 'conversation']).optional(),
        userId: IdSchema.optional(),
        k: z.number().int().min(1).max(100).optional(),
        filters: RecallFiltersSchema.optional(),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ query, scope, userId, k, filters }) => {
      const who = scope === 'conversation' || userId !== undefined ? state.userId(userId) : undefined;
      const hits = await memory.recall(query, {
        ...(scope ? { scope } : {}),
        ...(who ? { userId: who } : {}),
        ...(k ? { k } : {}),
        ...(filters ? { filters } : {}),
      });
      return { value: { query, hits } };
    },
  );
}
