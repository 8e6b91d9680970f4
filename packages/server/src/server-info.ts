/** How the server introduces itself (MCP initialize, OpenAPI info). */
export const SERVER_INFO = { name: 'agent-memory', version: '0.1.0' } as const;
