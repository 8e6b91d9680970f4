import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  IdSchema,
  MemoryError,
  PatternIdSchema,
  PatternKindSchema,
  PatternSchema,
  StageInputSchema,
} from 'agent-memory';
import { z } from 'zod';
import type { Caller } from '../auth/caller.js';
import { requirePatterns } from '../patterns-access.js';
import type { ServerContext } from '../server-context.js';
import { defineTool } from './define-tool.js';

const p = PatternSchema.shape;

/** Long-term patterns in git: search, read, record, and the staging path from findings. */
export function registerPatternTools(server: McpServer, ctx: ServerContext, caller: Caller): void {
  const { memory, agents, secrets } = ctx;
  const changed = () => {
    if (server.isConnected()) server.sendResourceListChanged();
  };

  defineTool(
    server,
    secrets,
    'search_patterns',
    {
      title: 'Search patterns',
      description:
        'Full-text search over what the team learned: bug fixes, security and architecture decisions, ' +
        'tech debt, conventions. Returns the best matches (use get_pattern for the whole text).',
      inputSchema: {
        query: z.string().min(1).max(1000),
        kind: PatternKindSchema.optional(),
        tag: z.string().optional(),
        file: z.string().optional().describe('Only patterns about this repository path.'),
        limit: z.number().int().min(1).max(100).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const hits = await requirePatterns(memory).search(args.query, {
        limit: args.limit ?? 10,
        ...(args.kind === undefined ? {} : { kind: args.kind }),
        ...(args.tag === undefined ? {} : { tag: args.tag }),
        ...(args.file === undefined ? {} : { file: args.file }),
      });
      return {
        value: {
          hits: hits.map(({ pattern, score }) => ({
            id: pattern.id,
            kind: pattern.kind,
            title: pattern.title,
            summary: pattern.summary,
            tags: pattern.tags,
            files: pattern.files,
            updated: pattern.updated,
            score,
          })),
        },
      };
    },
  );

  defineTool(
    server,
    secrets,
    'get_pattern',
    {
      title: 'Get pattern',
      description: 'One pattern in full (Markdown body), optionally with its git history, newest first.',
      inputSchema: { id: PatternIdSchema, history: z.boolean().optional() },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const store = requirePatterns(memory);
      const pattern = await store.get(args.id);
      if (!pattern) throw new MemoryError('NOT_FOUND', `pattern "${args.id}" does not exist`);
      const history = args.history ? await store.history(args.id) : undefined;
      return { value: { pattern, ...(history ? { history } : {}) } };
    },
  );

  defineTool(
    server,
    secrets,
    'record_pattern',
    {
      title: 'Record pattern',
      description:
        'Saves a pattern to long-term memory as a Markdown file committed to git (creates or updates ' +
        'by id). Secrets (keys, tokens, passwords) are redacted before anything is written. Prefer ' +
        'stage_pattern for findings that a validator should review.',
      inputSchema: {
        agentId: IdSchema.optional().describe(
          'Author; recorded in the commit. Optional when the credential names the agent (then it must match).',
        ),
        kind: PatternKindSchema,
        title: p.title,
        summary: z.string().max(2000).optional(),
        body: z.string().max(200_000).optional().describe('Markdown.'),
        tags: z.array(z.string().min(1).max(64)).max(50).optional(),
        files: z.array(z.string().min(1).max(1024)).max(200).optional(),
        confidence: z.number().min(0).max(1).optional(),
        id: PatternIdSchema.optional().describe('Update this pattern; derived from the title when omitted.'),
        supersedes: z.array(PatternIdSchema).optional(),
        links: z.array(z.string().max(2048)).optional(),
        sessionId: IdSchema.optional(),
        message: z.string().min(1).max(1000).optional().describe('Commit message.'),
      },
    },
    async ({ agentId: given, sessionId, message, ...input }) => {
      const agentId = agents.assertMayWrite(caller, given);
      const store = requirePatterns(memory);
      const draft = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const pattern = await store.save(
        { ...draft, kind: input.kind, title: input.title, author: agentId },
        {
          agentId,
          ...(sessionId === undefined ? {} : { sessionId }),
          ...(message === undefined ? {} : { message }),
        },
      );
      const redacted = (['title', 'summary', 'body'] as const).some(
        (field) => input[field] !== undefined && input[field] !== pattern[field],
      );
      changed();
      return {
        value: { pattern, redacted },
        summary: `Recorded pattern ${pattern.id}${redacted ? ' (sensitive text was redacted)' : ''}.`,
      };
    },
  );

  defineTool(
    server,
    secrets,
    'stage_pattern',
    {
      title: 'Stage pattern',
      description:
        'Proposes agreeing findings (same subject and verdict, from list_findings) as a candidate ' +
        'long-term pattern. A validator then promotes or rejects it; candidates expire after 24 h.',
      inputSchema: { agentId: IdSchema.optional(), ...StageInputSchema.omit({ ttlMs: true }).shape },
    },
    async ({ agentId, ...input }) => {
      const agent = await agents.act(caller, agentId);
      const stageInput = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const candidate = await agent.stage({
        ...stageInput,
        taskId: input.taskId,
        findingIds: input.findingIds,
        kind: input.kind,
      });
      return { value: { candidate }, summary: `Staged candidate ${candidate.id}.` };
    },
  );

  defineTool(
    server,
    secrets,
    'list_candidates',
    {
      title: 'List candidates',
      description: 'Candidate patterns waiting for a validator (staged ones by default).',
      inputSchema: {
        taskId: IdSchema.optional(),
        state: z.enum(['staged', 'promoting', 'promoted', 'rejected', 'all']).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => ({
      value: {
        candidates: await agents.reader().candidates({
          ...(args.taskId === undefined ? {} : { taskId: args.taskId }),
          ...(args.state === undefined ? {} : { state: args.state }),
        }),
      },
    }),
  );

  defineTool(
    server,
    secrets,
    'promote_pattern',
    {
      title: 'Promote candidate',
      description:
        'Saves a staged candidate as a long-term pattern in git, exactly once. The agent must be a ' +
        'validator in this server’s role settings (FORBIDDEN otherwise); CONFLICT if already decided.',
      inputSchema: {
        candidateId: IdSchema,
        agentId: IdSchema.optional().describe(
          'The validator promoting it. Optional when the credential names the agent (then it must match).',
        ),
        message: z.string().min(1).max(1000).optional(),
      },
    },
    async (args) => {
      requirePatterns(memory);
      const agent = await agents.act(caller, args.agentId);
      const promotion = await agent.promote(
        args.candidateId,
        args.message === undefined ? {} : { message: args.message },
      );
      changed();
      return { value: { ...promotion }, summary: `Promoted to pattern ${promotion.pattern.id}.` };
    },
  );
}
