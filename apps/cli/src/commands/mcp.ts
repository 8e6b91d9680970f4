import { parseRolesList } from '@agent-memory/server';
import type { Command } from 'commander';
import { action, type Cli } from '../command-runtime.js';

export function configure(command: Command, cli: Cli): void {
  command
    .addHelpText(
      'after',
      `
For hosts that spawn their MCP servers (Claude Code, Cursor, IDE plugins). stdout carries the
protocol; warnings go to stderr. The server exits when the host closes stdin. Configuration comes
from the usual places (--redis, AGENT_MEMORY_REDIS_URL, agent-memory.config.json, …); agent roles
from AGENT_MEMORY_ROLES (everyone else is a contributor).

Host configuration (e.g. .mcp.json or Cursor's mcp.json):
  { "mcpServers": { "agent-memory": { "command": "agent-memory", "args": ["mcp"],
      "env": { "AGENT_MEMORY_REDIS_URL": "redis://127.0.0.1:6379" } } } }

Examples:
  $ agent-memory mcp
  $ AGENT_MEMORY_ROLES=lead=validator agent-memory mcp --redis redis://127.0.0.1:6379`,
    )
    .action(
      action(cli, async (rt) => {
        // Opened without the patterns-off filter: the host's log should say why pattern tools fail.
        // The MCP SDK loads while memory opens (git and Redis are waits, loading is CPU): the host's
        // `initialize` is answered sooner than one after the other.
        const config = await rt.config({ patterns: true });
        const [memory, { runStdioMcpServer }] = await Promise.all([
          rt.open(config),
          import('@agent-memory/server/mcp'),
        ]);
        const server = await runStdioMcpServer(memory, {
          roles: parseRolesList(rt.io.env.AGENT_MEMORY_ROLES),
        });
        await server.closed;
      }),
    );
}
