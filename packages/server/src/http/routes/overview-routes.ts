import type { Agent } from 'agent-memory';
import { IdSchema, StreamIdSchema } from 'agent-memory';
import { z } from 'zod';
import { scrubDeep } from '../../credential-scrub.js';
import type { ServedNamespaces } from '../../served-namespaces.js';
import { callerOf } from '../request-scope.js';
import { AgentPresenceViewSchema, AuditEntrySchema } from '../schemas/coordination-views.js';
import { withErrors } from '../schemas/error-body.js';
import { StatusViewSchema } from '../schemas/status-view.js';
import type { ZodApp } from '../zod-app.js';

/** Health, status, who is alive, the audit trail, and publishing an event as an agent. */
export function registerOverviewRoutes(app: ZodApp, served: ServedNamespaces): void {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness (no token needed; says nothing about memory)',
        tags: ['status'],
        security: [],
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async () => ({ ok: true as const }),
  );

  app.get(
    '/api/status',
    {
      schema: {
        summary: 'Backend, keys per kind, agents alive, patterns',
        tags: ['status'],
        response: withErrors({ 200: StatusViewSchema }),
      },
    },
    async (request) => scrubDeep(await request.ctx.memory.status(), request.ctx.secrets),
  );

  app.get(
    '/api/namespaces',
    {
      schema: {
        summary: 'Who the credential is, and the namespaces it may use here (the default first)',
        tags: ['status'],
        response: withErrors({
          200: z.object({
            default: z.string(),
            namespaces: z.array(z.string()),
            credential: z.object({
              kind: z.enum(['admin', 'token', 'jwt']),
              id: z.string(),
              agentId: z.string().nullable(),
              role: z.string().nullable(),
            }),
          }),
        }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return {
        default: served.defaultNamespace,
        namespaces: served.permitted(caller),
        credential: {
          kind: caller.kind,
          id: caller.credentialId,
          agentId: caller.agentId ?? null,
          role: caller.role ?? null,
        },
      };
    },
  );

  app.get(
    '/api/agents',
    {
      schema: {
        summary: 'Agents alive (presence) and the tasks each holds',
        tags: ['status'],
        response: withErrors({ 200: z.object({ agents: z.array(AgentPresenceViewSchema) }) }),
      },
    },
    async (request) => ({ agents: await request.ctx.agents.reader().agents() }),
  );

  app.get(
    '/api/audit',
    {
      schema: {
        summary: 'Replay the audit trail, oldest first',
        tags: ['events'],
        querystring: z.object({
          after: StreamIdSchema.optional().describe('Entries after this id (exclusive).'),
          taskId: IdSchema.optional(),
          agentId: IdSchema.optional(),
          credential: z
            .string()
            .min(1)
            .max(256)
            .optional()
            .describe('Only steps done through this credential: a token id, a JWT subject, or admin.'),
          types: z
            .string()
            .max(2048)
            .regex(/^[a-z_*]{1,64}(,[a-z_*]{1,64})*$/, 'must be comma-separated event type globs like task_*')
            .optional(),
          limit: z.coerce.number().int().min(1).max(10_000).default(500),
        }),
        response: withErrors({ 200: z.object({ entries: z.array(AuditEntrySchema) }) }),
      },
    },
    async (request) => {
      const { after, taskId, agentId, credential, types, limit } = request.query;
      const globs = types?.split(',');
      const entries = await request.ctx.memory.audit({
        ...(credential ? { credential } : {}),
        limit,
        ...(after ? { after } : {}),
        ...(taskId ? { taskId } : {}),
        ...(agentId ? { agentId } : {}),
        ...(globs?.length ? { types: globs } : {}),
      });
      return { entries };
    },
  );

  app.post(
    '/api/agents/:agentId/events',
    {
      schema: {
        summary: 'Publish (and audit) an event as an agent, e.g. analysis_complete',
        tags: ['events'],
        params: z.object({ agentId: IdSchema }),
        body: z.looseObject({ event: z.string().min(1).max(64) }),
        response: withErrors({ 201: z.object({ event: AuditEntrySchema.shape.event }) }),
      },
    },
    async (request, reply) => {
      const agent = await request.ctx.agents.act(callerOf(request), request.params.agentId);
      // agent.publish validates the event against core's AgentEventSchema (INVALID_INPUT otherwise).
      const event = await agent.publish(request.body as unknown as Parameters<Agent['publish']>[0]);
      return reply.code(201).send({ event });
    },
  );
}
