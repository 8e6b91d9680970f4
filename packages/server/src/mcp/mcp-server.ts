import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Memory } from 'agent-memory';
import type { AgentRolesInput } from '../agent-roles.js';
import { ADMIN_CALLER, type Caller } from '../auth/caller.js';
import { scrubDeep } from '../credential-scrub.js';
import { createServerContext, type ServerContext } from '../server-context.js';
import { SERVER_INFO } from '../server-info.js';
import { ConnectionState } from './connection-state.js';
import { registerCoordinationTools } from './coordination-tools.js';
import { defineTool } from './define-tool.js';
import { registerResources } from './mcp-resources.js';
import { registerPatternTools } from './pattern-tools.js';
import { registerSessionTools } from './session-tools.js';

export interface McpServerOptions extends AgentRolesInput {
  /** Share claims, roles and known sessions with other servers of this process (the HTTP server does). */
  context?: ServerContext;
  /**
   * Who the connection acts as: an HTTP session's credential. Stdio (a host that spawned the
   * server) is the local user, like the admin token: agents name themselves and get configured roles.
   */
  caller?: Caller;
}

const INSTRUCTIONS = `agent-memory: short-term memory shared by agents (sessions, conversation window, task claims, findings) and long-term patterns in git.
Start with start_session (or get_session), search_patterns before solving something the team may have solved, claim_task before working on a shared task, share_finding with what you learned, and release_task or complete_task when done.
Errors come back as tool errors whose text starts with a code: INVALID_INPUT, NOT_FOUND, CONFLICT, LEASE_LOST, FORBIDDEN, BACKEND_UNAVAILABLE, TOO_LARGE.`;

/**
 * An MCP server over one Memory: tools for sessions, the conversation window, claims, findings,
 * conflicts, patterns and staging; resources for patterns and the current session. Connect it to a
 * transport (stdio, Streamable HTTP); one server per connection.
 */
export function createMcpServer(memory: Memory, options: McpServerOptions = {}): McpServer {
  const { context, caller = ADMIN_CALLER, ...roles } = options;
  const ctx = context ?? createServerContext(memory, roles);
  const server = new McpServer(SERVER_INFO, {
    instructions: INSTRUCTIONS,
    capabilities: { resources: { listChanged: true }, tools: { listChanged: false } },
  });
  const state = new ConnectionState();
  registerSessionTools(server, ctx, state, caller);
  registerCoordinationTools(server, ctx, caller);
  registerPatternTools(server, ctx, caller);
  defineTool(
    server,
    ctx.secrets,
    'status',
    {
      title: 'Memory status',
      description:
        'Which backend is in use (Redis, the embedded SQLite file or in-process memory), live items per kind, agents alive with ' +
        'the tasks they hold, and the long-term pattern count with the last commit.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    async () => {
      const status = scrubDeep(await memory.status(), ctx.secrets);
      return {
        value: { ...status },
        summary: `Backend: ${status.backend}${status.degraded ? ' (degraded)' : ''}.`,
      };
    },
  );
  registerResources(server, ctx, state);
  return server;
}
