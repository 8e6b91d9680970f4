import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ShapeOutput, ZodRawShapeCompat } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { toolError, toolResult } from './tool-result.js';

export interface ToolSpec<S extends ZodRawShapeCompat> {
  title: string;
  description: string;
  inputSchema: S;
  annotations?: ToolAnnotations;
}

/** What a tool body returns: the result object, and optionally one line that says what happened. */
export interface ToolOutput {
  value: Record<string, unknown>;
  summary?: string;
}

/** Registers a tool whose failures come back as tool errors carrying the MemoryError code. */
export function defineTool<S extends ZodRawShapeCompat>(
  server: McpServer,
  secrets: readonly string[],
  name: string,
  spec: ToolSpec<S>,
  run: (args: ShapeOutput<S>) => Promise<ToolOutput>,
): void {
  const callback = async (args: ShapeOutput<S>) => {
    try {
      const { value, summary } = await run(args);
      return toolResult(value, summary);
    } catch (error) {
      return toolError(error, secrets);
    }
  };
  // The SDK's overloads cannot see that ShapeOutput<S> is what it passes for a raw shape S.
  server.registerTool(name, spec, callback as Parameters<McpServer['registerTool']>[2]);
}
