#!/usr/bin/env node
import { createMemory, embedderFromEnv, loadConfig } from 'agent-memory';
import { parseRolesList } from '../agent-roles.js';
import { runStdioMcpServer } from '../mcp/stdio-server.js';

// A minimal MCP stdio server: config from the working directory and AGENT_MEMORY_* variables,
// agent roles from AGENT_MEMORY_ROLES (`lead=validator,ops=steward`). Logs go to stderr only:
// stdout carries the protocol.
async function main(): Promise<void> {
  const config = await loadConfig();
  const roles = parseRolesList(process.env.AGENT_MEMORY_ROLES);
  const memory = await createMemory(config, { embedder: embedderFromEnv(process.env) });
  const stdio = await runStdioMcpServer(memory, { roles });
  const shutdown = () => void stdio.close();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await stdio.closed;
  await memory.close();
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`agent-memory mcp: ${message}\n`);
  process.exit(1);
});
