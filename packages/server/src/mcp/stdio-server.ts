import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Memory } from 'agent-memory';
import { toMemoryError } from 'agent-memory';
import { createServerContext } from '../server-context.js';
import { createMcpServer, type McpServerOptions } from './mcp-server.js';

export interface StdioMcpServer {
  readonly server: McpServer;
  /** Resolves when the host closes stdin (or close() is called); agents have left by then. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves MCP over this process's stdin/stdout, for hosts that spawn the server. Nothing else may
 * write to stdout. When the host closes stdin, every agent that acted through this server leaves
 * (its claims are handed back at once); closing `memory` stays the caller's job.
 */
export async function runStdioMcpServer(
  memory: Memory,
  options: McpServerOptions = {},
): Promise<StdioMcpServer> {
  const { context, caller: _caller, ...roles } = options;
  const ctx = context ?? createServerContext(memory, roles);
  const server = createMcpServer(memory, { context: ctx });
  const transport = new StdioServerTransport();
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      process.stdin.off('end', onEnd);
      await server.close().catch(() => undefined);
      await ctx.agents.leaveAll();
      resolveClosed();
    })();
    return closing;
  };
  // The SDK's stdio transport does not notice end of input; a host that exits closes our stdin.
  const onEnd = () => void close();
  process.stdin.on('end', onEnd);
  try {
    await server.connect(transport);
  } catch (error) {
    await close();
    throw toMemoryError(error, 'INTERNAL', 'starting the MCP stdio server');
  }
  return { server, closed, close };
}
