import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  DurationMsSchema,
  FindingInputSchema,
  IdSchema,
  JsonObjectSchema,
  JsonValueSchema,
} from 'agent-memory';
import { z } from 'zod';
import type { Caller } from '../auth/caller.js';
import type { ServerContext } from '../server-context.js';
import { defineTool } from './define-tool.js';

const agentIdArg = IdSchema.optional().describe(
  'The agent acting (you): claims, findings and events carry this id. Optional when the credential names the agent (then it must match).',
);
const taskIdArg = IdSchema.describe('The task, e.g. "review:src/auth.ts".');
const tokenArg = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('The fencing token claim_task returned; needed only for a claim made by another process.');

/** Task claims, findings and conflicts: how agents avoid duplicate work and notice disagreement. */
export function registerCoordinationTools(server: McpServer, ctx: ServerContext, caller: Caller): void {
  const { tasks, agents, secrets } = ctx;

  defineTool(
    server,
    secrets,
    'claim_task',
    {
      title: 'Claim task',
      description:
        'Claims a task exclusively for an agent so no other agent works on it. The claim is renewed ' +
        'by this server until release_task or complete_task (or the server stops). Returns the claim ' +
        'with its fencing token, or claimed: false with the current owner when someone else holds it.',
      inputSchema: {
        taskId: taskIdArg,
        agentId: agentIdArg,
        leaseMs: DurationMsSchema.optional().describe(
          'Lease length; renewed on a heartbeat (default 5 min).',
        ),
        meta: JsonObjectSchema.optional().describe('Published with the task_claimed event.'),
      },
    },
    async (args) => {
      const outcome = await tasks.claim(args.taskId, caller, args.agentId, {
        ...(args.leaseMs === undefined ? {} : { leaseMs: args.leaseMs }),
        ...(args.meta === undefined ? {} : { meta: args.meta }),
      });
      const summary = outcome.claimed
        ? `${outcome.claim.agentId} holds ${args.taskId} (token ${outcome.claim.token}).`
        : outcome.owner
          ? `${args.taskId} is held by ${outcome.owner.agentId}.`
          : `${args.taskId} cannot be claimed${outcome.completed ? ': it is completed' : ''}.`;
      return { value: outcome, summary };
    },
  );

  defineTool(
    server,
    secrets,
    'release_task',
    {
      title: 'Release task',
      description:
        'Hands a claimed task back so another agent can take it. released: false when the agent ' +
        'did not hold it (any more).',
      inputSchema: { taskId: taskIdArg, agentId: agentIdArg, token: tokenArg },
      annotations: { idempotentHint: true },
    },
    async (args) => {
      const released = await tasks.release(args.taskId, caller, args.agentId, args.token);
      const agentId = agents.agentIdFor(caller, args.agentId);
      return { value: { taskId: args.taskId, agentId, released } };
    },
  );

  defineTool(
    server,
    secrets,
    'complete_task',
    {
      title: 'Complete task',
      description:
        'Marks a claimed task done, exactly once, with an optional result. LEASE_LOST when the claim ' +
        'lapsed and someone else took over; CONFLICT when it was already completed.',
      inputSchema: {
        taskId: taskIdArg,
        agentId: agentIdArg,
        token: tokenArg,
        result: JsonValueSchema.optional().describe('What came out of the task (any JSON).'),
      },
    },
    async (args) => {
      const completion = await tasks.complete(args.taskId, caller, args.agentId, args.token, args.result);
      return { value: { completion }, summary: `${args.taskId} completed by ${completion.agentId}.` };
    },
  );

  defineTool(
    server,
    secrets,
    'share_finding',
    {
      title: 'Share finding',
      description:
        'Shares what an agent found on a task with the other agents. Findings on the same subject ' +
        'with different verdicts become a conflict; the open conflicts on the subject are returned.',
      inputSchema: {
        taskId: taskIdArg,
        agentId: agentIdArg,
        subject: FindingInputSchema.shape.subject.describe('What it is about: a file, function or concern.'),
        verdict: FindingInputSchema.shape.verdict.describe('The conclusion, e.g. bug, ok, vulnerable.'),
        confidence: FindingInputSchema.shape.confidence.describe('0 to 1.'),
        summary: z.string().max(4096).optional(),
        evidence: z.array(z.string().max(4096)).max(64).optional(),
        data: JsonObjectSchema.optional(),
      },
    },
    async (args) => {
      const agent = await agents.act(caller, args.agentId);
      const finding = await agent.share(args.taskId, {
        subject: args.subject,
        verdict: args.verdict,
        confidence: args.confidence,
        ...(args.summary === undefined ? {} : { summary: args.summary }),
        ...(args.evidence === undefined ? {} : { evidence: args.evidence }),
        ...(args.data === undefined ? {} : { data: args.data }),
      });
      const conflicts = (await agents.reader().conflicts({ taskId: args.taskId })).filter(
        (c) => c.subject === finding.subject,
      );
      const summary = conflicts.length
        ? `Shared ${finding.id}; it disagrees with another agent on "${finding.subject}".`
        : `Shared ${finding.id}.`;
      return { value: { finding, conflicts }, summary };
    },
  );

  defineTool(
    server,
    secrets,
    'list_findings',
    {
      title: 'List findings',
      description: 'Every finding shared on a task, oldest first: build on what other agents learned.',
      inputSchema: { taskId: taskIdArg },
      annotations: { readOnlyHint: true },
    },
    async (args) => ({ value: { findings: await agents.reader().findings(args.taskId) } }),
  );

  defineTool(
    server,
    secrets,
    'list_conflicts',
    {
      title: 'List conflicts',
      description: 'Subjects on which agents disagree (open ones by default), with each agent’s position.',
      inputSchema: {
        taskId: IdSchema.optional(),
        state: z.enum(['open', 'resolved', 'all']).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => ({
      value: {
        conflicts: await agents.reader().conflicts({
          ...(args.taskId === undefined ? {} : { taskId: args.taskId }),
          ...(args.state === undefined ? {} : { state: args.state }),
        }),
      },
    }),
  );
}
