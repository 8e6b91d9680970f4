import {
  ConversationMessageInputSchema,
  ConversationMessageSchema,
  DurationMsSchema,
  IdSchema,
  MemoryError,
  SessionSchema,
  SessionStartSchema,
  SessionUpdateSchema,
} from 'agent-memory';
import { z } from 'zod';
import { callerOf } from '../request-scope.js';
import { withErrors } from '../schemas/error-body.js';
import type { ZodApp } from '../zod-app.js';

const SessionParams = z.object({ sessionId: IdSchema });
const UserParams = z.object({ userId: IdSchema });
const LiveSessionSchema = SessionSchema.extend({
  ttlMs: z.number().int().nullable().describe('Milliseconds left; null when gone.'),
});
const tags = ['sessions'];

/** Sessions (context with a TTL) and each user's conversation window. */
export function registerSessionRoutes(app: ZodApp): void {
  app.get(
    '/api/sessions',
    {
      schema: {
        summary: 'Live sessions this server has seen (the port has no listing; status counts them all)',
        tags,
        response: withErrors({ 200: z.object({ sessions: z.array(LiveSessionSchema) }) }),
      },
    },
    async (request) => ({ sessions: await request.ctx.sessions.live() }),
  );

  app.post(
    '/api/sessions',
    {
      schema: {
        summary: 'Start a session',
        tags,
        body: SessionStartSchema,
        response: withErrors({ 201: z.object({ session: SessionSchema }) }),
      },
    },
    async (request, reply) => {
      const { memory, sessions } = request.ctx;
      const session = await memory.sessions.start(request.body);
      sessions.remember(session.id);
      return reply.code(201).send({ session });
    },
  );

  app.get(
    '/api/sessions/:sessionId',
    {
      schema: {
        summary: 'Read a session and the time it has left',
        tags,
        params: SessionParams,
        response: withErrors({ 200: z.object({ session: LiveSessionSchema }) }),
      },
    },
    async (request) => {
      const { memory, sessions } = request.ctx;
      const id = request.params.sessionId;
      const [session, ttlMs] = await Promise.all([memory.sessions.get(id), memory.sessions.ttl(id)]);
      if (!session) throw new MemoryError('NOT_FOUND', `session "${id}" does not exist or expired`);
      sessions.remember(id);
      return { session: { ...session, ttlMs } };
    },
  );

  app.patch(
    '/api/sessions/:sessionId',
    {
      schema: {
        summary: 'Update a live session (context replaced, fields merged)',
        tags,
        params: SessionParams,
        body: SessionUpdateSchema.extend({
          refreshTtl: z.union([z.boolean(), DurationMsSchema]).optional(),
        }),
        response: withErrors({ 200: z.object({ session: SessionSchema }) }),
      },
    },
    async (request) => {
      const { memory, sessions } = request.ctx;
      const { refreshTtl, ...patch } = request.body;
      const session = await memory.sessions.update(
        request.params.sessionId,
        patch,
        refreshTtl === undefined ? {} : { refreshTtl },
      );
      sessions.remember(session.id);
      return { session };
    },
  );

  app.delete(
    '/api/sessions/:sessionId',
    {
      schema: {
        summary: 'End a session',
        tags,
        params: SessionParams,
        response: withErrors({ 200: z.object({ ended: z.boolean() }) }),
      },
    },
    async (request) => {
      const { memory, sessions } = request.ctx;
      const ended = await memory.sessions.end(request.params.sessionId);
      sessions.forget(request.params.sessionId);
      return { ended };
    },
  );

  app.get(
    '/api/users/:userId/messages',
    {
      schema: {
        summary: "Recall a user's newest messages, newest first",
        tags: ['conversation'],
        params: UserParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(10) }),
        response: withErrors({ 200: z.object({ messages: z.array(ConversationMessageSchema) }) }),
      },
    },
    async (request) => ({
      messages: await request.ctx.memory.conversation(request.params.userId).recent(request.query.limit),
    }),
  );

  app.post(
    '/api/users/:userId/messages',
    {
      schema: {
        summary: "Append a message to a user's conversation window",
        tags: ['conversation'],
        params: UserParams,
        body: ConversationMessageInputSchema,
        response: withErrors({ 201: z.object({ message: ConversationMessageSchema }) }),
      },
    },
    async (request, reply) => {
      const agentId = request.ctx.agents.speakerFor(callerOf(request), request.body.agentId);
      const message = await request.ctx.memory
        .conversation(request.params.userId)
        .append({ ...request.body, ...(agentId === undefined ? {} : { agentId }) });
      return reply.code(201).send({ message });
    },
  );

  app.delete(
    '/api/users/:userId/messages',
    {
      schema: {
        summary: "Clear a user's conversation window",
        tags: ['conversation'],
        params: UserParams,
        response: withErrors({ 200: z.object({ cleared: z.literal(true) }) }),
      },
    },
    async (request) => {
      await request.ctx.memory.conversation(request.params.userId).clear();
      return { cleared: true as const };
    },
  );
}
