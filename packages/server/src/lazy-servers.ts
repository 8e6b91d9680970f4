import type { Memory } from 'agent-memory';
import type { HttpServer } from './http/http-server.js';
import type { HttpServerOptions } from './http/http-server-options.js';
import type { McpServerOptions } from './mcp/mcp-server.js';
import type { StdioMcpServer } from './mcp/stdio-server.js';

// Importing this package loads neither fastify (with its OpenAPI plugin) nor the MCP SDK: each
// entry point imports its server on first call, so a program that only parses roles or only speaks
// MCP over stdio does not pay for the HTTP stack.

/**
 * Serves one Memory over HTTP: the JSON API under /api, live events at /events (SSE), MCP at /mcp
 * (Streamable HTTP), the OpenAPI document at /openapi.json and the dashboard at /. Resolves once
 * listening. Closing it leaves `memory` open.
 */
export async function createHttpServer(memory: Memory, options: HttpServerOptions = {}): Promise<HttpServer> {
  const http = await import('./http/http-server.js');
  return http.createHttpServer(memory, options);
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
  const stdio = await import('./mcp/stdio-server.js');
  return stdio.runStdioMcpServer(memory, options);
}
