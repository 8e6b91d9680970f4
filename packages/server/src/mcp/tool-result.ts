import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toMemoryError } from 'agent-memory';
import { scrubCredentials } from '../credential-scrub.js';

/** A successful tool result: JSON text for the model, the same object as structured content. */
export function toolResult(value: Record<string, unknown>, summary?: string): CallToolResult {
  const json = JSON.stringify(value, null, 2);
  return {
    content: [{ type: 'text', text: summary ? `${summary}\n${json}` : json }],
    structuredContent: value,
  };
}

/**
 * A failed call as an MCP tool error (`isError: true`), never a protocol error or a crash: the
 * text starts with the MemoryError code so a model (and a client) can branch on it.
 */
export function toolError(error: unknown, secrets: readonly string[]): CallToolResult {
  const failure = toMemoryError(error);
  const message = scrubCredentials(failure.message, secrets);
  const issues = failure.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  return {
    isError: true,
    content: [{ type: 'text', text: `${failure.code}: ${message}` }],
    structuredContent: { error: { code: failure.code, message, ...(issues.length ? { issues } : {}) } },
  };
}
