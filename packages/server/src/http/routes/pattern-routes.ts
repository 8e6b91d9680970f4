import {
  IdSchema,
  MemoryError,
  PatternIdSchema,
  PatternInputSchema,
  PatternKindSchema,
  PatternSchema,
  StageInputSchema,
  TimestampSchema,
} from 'agent-memory';
import { z } from 'zod';
import { requirePatterns } from '../../patterns-access.js';
import { callerOf } from '../request-scope.js';
import { AgentIdArg } from '../schemas/agent-id-arg.js';
import { CandidateViewSchema } from '../schemas/coordination-views.js';
import { withErrors } from '../schemas/error-body.js';
import type { ZodApp } from '../zod-app.js';

const PatternParams = z.object({ patternId: PatternIdSchema });
const CandidateParams = z.object({ candidateId: IdSchema });
const PatternVersionSchema = z.object({
  commit: z.string(),
  author: z.string(),
  date: z.string(),
  message: z.string(),
  agentId: z.string().optional(),
  sessionId: z.string().optional(),
});
// The API stages for the agent named in the body; the TTL is the server's (coordination's default).
const StageBodySchema = StageInputSchema.omit({ ttlMs: true }).extend({ agentId: AgentIdArg }).strict();
const tags = ['patterns'];

/** Long-term patterns in git, and the candidates staged from findings. */
export function registerPatternRoutes(app: ZodApp): void {
  app.get(
    '/api/patterns',
    {
      schema: {
        summary: 'Search patterns (q) or list them, newest first',
        tags,
        querystring: z.object({
          q: z.string().max(1000).optional(),
          kind: PatternKindSchema.optional(),
          tag: z.string().max(64).optional(),
          file: z.string().max(1024).optional(),
          since: TimestampSchema.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(20),
        }),
        response: withErrors({
          200: z.object({ patterns: z.array(PatternSchema.extend({ score: z.number().optional() })) }),
        }),
      },
    },
    async (request) => {
      const { q, limit, ...filter } = request.query;
      const store = requirePatterns(request.ctx.memory);
      const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
      if (q !== undefined && q.trim() !== '') {
        const hits = await store.search(q, { ...defined, limit });
        return { patterns: hits.map(({ pattern, score }) => ({ ...pattern, score })) };
      }
      return { patterns: await store.list({ ...defined, limit }) };
    },
  );

  app.get(
    '/api/patterns/:patternId',
    {
      schema: {
        summary: 'One pattern',
        tags,
        params: PatternParams,
        response: withErrors({ 200: z.object({ pattern: PatternSchema }) }),
      },
    },
    async (request) => {
      const pattern = await requirePatterns(request.ctx.memory).get(request.params.patternId);
      if (!pattern)
        throw new MemoryError('NOT_FOUND', `pattern "${request.params.patternId}" does not exist`);
      return { pattern };
    },
  );

  app.get(
    '/api/patterns/:patternId/history',
    {
      schema: {
        summary: 'Every committed version of a pattern, newest first',
        tags,
        params: PatternParams,
        response: withErrors({ 200: z.object({ history: z.array(PatternVersionSchema) }) }),
      },
    },
    async (request) => ({
      history: await requirePatterns(request.ctx.memory).history(request.params.patternId),
    }),
  );

  app.post(
    '/api/patterns',
    {
      schema: {
        summary: 'Record a pattern (one git commit; secrets are redacted before writing)',
        tags,
        body: z
          .object({
            agentId: AgentIdArg,
            sessionId: IdSchema.optional(),
            message: z.string().min(1).max(1000).optional(),
            pattern: PatternInputSchema.omit({ author: true }),
          })
          .strict(),
        response: withErrors({ 201: z.object({ pattern: PatternSchema, redacted: z.boolean() }) }),
      },
    },
    async (request, reply) => {
      const { agentId: given, sessionId, message, pattern: input } = request.body;
      const agentId = request.ctx.agents.assertMayWrite(callerOf(request), given);
      const pattern = await requirePatterns(request.ctx.memory).save(
        { ...input, author: agentId },
        { agentId, ...(sessionId ? { sessionId } : {}), ...(message ? { message } : {}) },
      );
      const redacted = (['title', 'summary', 'body'] as const).some(
        (field) => input[field] !== undefined && input[field] !== pattern[field],
      );
      return reply.code(201).send({ pattern, redacted });
    },
  );

  app.get(
    '/api/candidates',
    {
      schema: {
        summary: 'Candidate patterns (staged ones by default)',
        tags,
        querystring: z.object({
          taskId: IdSchema.optional(),
          state: z.enum(['staged', 'promoting', 'promoted', 'rejected', 'all']).default('staged'),
        }),
        response: withErrors({ 200: z.object({ candidates: z.array(CandidateViewSchema) }) }),
      },
    },
    async (request) => {
      const { taskId, state } = request.query;
      return {
        candidates: await request.ctx.agents.reader().candidates({ state, ...(taskId ? { taskId } : {}) }),
      };
    },
  );

  app.post(
    '/api/candidates',
    {
      schema: {
        summary: 'Stage agreeing findings as a candidate pattern',
        tags,
        body: StageBodySchema,
        response: withErrors({ 201: z.object({ candidate: CandidateViewSchema }) }),
      },
    },
    async (request, reply) => {
      const { agentId, ...input } = request.body;
      const agent = await request.ctx.agents.act(callerOf(request), agentId);
      return reply.code(201).send({ candidate: await agent.stage(input) });
    },
  );

  app.post(
    '/api/candidates/:candidateId/promote',
    {
      schema: {
        summary: 'Promote a candidate into a pattern, once (validators)',
        tags,
        params: CandidateParams,
        body: z.object({ agentId: AgentIdArg, message: z.string().min(1).max(1000).optional() }).strict(),
        response: withErrors({ 200: z.object({ candidate: CandidateViewSchema, pattern: PatternSchema }) }),
      },
    },
    async (request) => {
      requirePatterns(request.ctx.memory);
      const { agentId, message } = request.body;
      const agent = await request.ctx.agents.act(callerOf(request), agentId);
      return agent.promote(request.params.candidateId, message ? { message } : {});
    },
  );

  app.post(
    '/api/candidates/:candidateId/reject',
    {
      schema: {
        summary: 'Reject a candidate (validators)',
        tags,
        params: CandidateParams,
        body: z.object({ agentId: AgentIdArg, reason: z.string().min(1).max(4096) }).strict(),
        response: withErrors({ 200: z.object({ candidate: CandidateViewSchema }) }),
      },
    },
    async (request) => {
      const agent = await request.ctx.agents.act(callerOf(request), request.body.agentId);
      return { candidate: await agent.reject(request.params.candidateId, { reason: request.body.reason }) };
    },
  );
}
