import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const BIN = fileURLToPath(new URL('../dist/bin/mcp-stdio.js', import.meta.url));

export interface StdioHost {
  client: Client;
  stderr: () => string;
  /** Calls a tool and returns the result with structuredContent typed loosely for assertions. */
  // biome-ignore lint/suspicious/noExplicitAny: assertions walk the JSON result field by field
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult & { data: any }>;
  close(): Promise<void>;
}

/** Spawns `node dist/bin/mcp-stdio.js` the way an MCP host does, and connects the SDK's own client. */
export async function spawnStdioServer(env: Record<string, string>, cwd: string): Promise<StdioHost> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'server-tests', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    async call(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      return { ...result, data: result.structuredContent };
    },
    close: () => client.close(),
  };
}
