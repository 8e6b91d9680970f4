// `@agent-memory/server/mcp`: the MCP server itself, for any transport. It loads the MCP SDK on
// import, which is why the package root does not export it.
export { createMcpServer, type McpServerOptions } from './mcp-server.js';
export { runStdioMcpServer, type StdioMcpServer } from './stdio-server.js';
