import {
  DurationMsSchema,
  FindingInputSchema,
  FindingSchema,
  IdSchema,
  JsonObjectSchema,
  JsonValueSchema,
} from 'agent-memory';
import { z } from 'zod';
import { activeClaims } from '../../active-claims.js';
import { callerOf } from '../request-scope.js';
import { AgentIdArg } from '../schemas/agent-id-arg.js';
import {
  ActiveClaimSchema,
  ClaimInfoSchema,
  ClaimOutcomeSchema,
  CompletionViewSchema,
  ConflictViewSchema,
} from '../schemas/coordination-views.js';
import { withErrors } from '../schemas/error-body.js';
import type { ZodApp } from '../zod-app.js';

const TaskParams = z.object({ taskId: IdSchema });
const TokenSchema = z.number().int().positive();
const tags = ['tasks'];

/** Claims, completions, findings and conflicts. */
export function registerTaskRoutes(app: ZodApp): void {
  app.get(
    '/api/claims',
    {
      schema: {
        summary: 'Claims held right now, with the time each has left',
        tags,
        response: withErrors({ 200: z.object({ claims: z.array(ActiveClaimSchema) }) }),
      },
    },
    async (request) => ({ claims: await activeClaims(request.ctx.memory, request.ctx.agents.reader()) }),
  );

  app.get(
    '/api/tasks/:taskId',
    {
      schema: {
        summary: 'Who holds a task, and its completion',
        tags,
        params: TaskParams,
        response: withErrors({
          200: z.object({
            taskId: IdSchema,
            owner: ClaimInfoSchema.nullable(),
            completion: CompletionViewSchema.nullable(),
          }),
        }),
      },
    },
    async (request) => {
      const { taskId } = request.params;
      const reader = request.ctx.agents.reader();
      const [owner, completion] = await Promise.all([reader.owner(taskId), reader.completion(taskId)]);
      return { taskId, owner, completion };
    },
  );

  app.post(
    '/api/tasks/:taskId/claim',
    {
      schema: {
        summary: 'Claim a task for an agent (renewed by this server until released or completed)',
        tags,
        params: TaskParams,
        body: z.object({
          agentId: AgentIdArg,
          leaseMs: DurationMsSchema.optional(),
          meta: JsonObjectSchema.optional(),
        }),
        response: withErrors({ 200: ClaimOutcomeSchema }),
      },
    },
    async (request) => {
      const { agentId, leaseMs, meta } = request.body;
      return request.ctx.tasks.claim(request.params.taskId, callerOf(request), agentId, {
        ...(leaseMs === undefined ? {} : { leaseMs }),
        ...(meta === undefined ? {} : { meta }),
      });
    },
  );

  app.post(
    '/api/tasks/:taskId/release',
    {
      schema: {
        summary: 'Hand a claimed task back',
        tags,
        params: TaskParams,
        body: z.object({ agentId: AgentIdArg, token: TokenSchema.optional() }),
        response: withErrors({ 200: z.object({ released: z.boolean() }) }),
      },
    },
    async (request) => ({
      released: await request.ctx.tasks.release(
        request.params.taskId,
        callerOf(request),
        request.body.agentId,
        request.body.token,
      ),
    }),
  );

  app.post(
    '/api/tasks/:taskId/complete',
    {
      schema: {
        summary: 'Complete a claimed task, once (LEASE_LOST for a stale token, CONFLICT if done)',
        tags,
        params: TaskParams,
        body: z.object({
          agentId: AgentIdArg,
          token: TokenSchema.optional(),
          result: JsonValueSchema.optional(),
        }),
        response: withErrors({ 200: z.object({ completion: CompletionViewSchema }) }),
      },
    },
    async (request) => {
      const { agentId, token, result } = request.body;
      const completion = await request.ctx.tasks.complete(
        request.params.taskId,
        callerOf(request),
        agentId,
        token,
        result,
      );
      return { completion };
    },
  );

  app.get(
    '/api/tasks/:taskId/findings',
    {
      schema: {
        summary: 'Findings shared on a task, oldest first',
        tags: ['findings'],
        params: TaskParams,
        response: withErrors({ 200: z.object({ findings: z.array(FindingSchema) }) }),
      },
    },
    async (request) => ({ findings: await request.ctx.agents.reader().findings(request.params.taskId) }),
  );

  app.post(
    '/api/tasks/:taskId/findings',
    {
      schema: {
        summary: 'Share a finding (a disagreement on its subject opens a conflict)',
        tags: ['findings'],
        params: TaskParams,
        body: FindingInputSchema.extend({ agentId: AgentIdArg }),
        response: withErrors({
          201: z.object({ finding: FindingSchema, conflicts: z.array(ConflictViewSchema) }),
        }),
      },
    },
    async (request, reply) => {
      const { taskId } = request.params;
      const { agentId, ...input } = request.body;
      const { agents } = request.ctx;
      const agent = await agents.act(callerOf(request), agentId);
      const finding = await agent.share(taskId, input);
      const conflicts = (await agents.reader().conflicts({ taskId })).filter(
        (c) => c.subject === finding.subject,
      );
      return reply.code(201).send({ finding, conflicts });
    },
  );

  app.get(
    '/api/conflicts',
    {
      schema: {
        summary: 'Conflicts (open ones by default)',
        tags: ['findings'],
        querystring: z.object({
          taskId: IdSchema.optional(),
          state: z.enum(['open', 'resolved', 'all']).default('open'),
        }),
        response: withErrors({ 200: z.object({ conflicts: z.array(ConflictViewSchema) }) }),
      },
    },
    async (request) => {
      const { taskId, state } = request.query;
      return {
        conflicts: await request.ctx.agents.reader().conflicts({ state, ...(taskId ? { taskId } : {}) }),
      };
    },
  );

  app.post(
    '/api/conflicts/:conflictId/resolve',
    {
      schema: {
        summary: 'Resolve a conflict (validators)',
        tags: ['findings'],
        params: z.object({ conflictId: IdSchema }),
        body: z.object({
          agentId: AgentIdArg,
          reason: z.string().min(1).max(4096),
          verdict: z.string().min(1).max(128).optional(),
        }),
        response: withErrors({ 200: z.object({ conflict: ConflictViewSchema }) }),
      },
    },
    async (request) => {
      const { agentId, reason, verdict } = request.body;
      const agent = await request.ctx.agents.act(callerOf(request), agentId);
      const conflict = await agent.resolveConflict(request.params.conflictId, {
        reason,
        ...(verdict === undefined ? {} : { verdict }),
      });
      return { conflict };
    },
  );
}
