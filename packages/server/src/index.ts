export { ActingAgents } from './acting-agents.js';
export {
  type AgentRoles,
  type AgentRolesInput,
  AgentRolesSchema,
  parseAgentRoles,
  parseRolesList,
  type RoleName,
  RoleNameSchema,
} from './agent-roles.js';
export { scrubCredentials } from './credential-scrub.js';
export { AuditEventFeed, type AuditEventFeedOptions, type FeedFilter } from './events/audit-event-feed.js';
export { resolveAccessToken, TOKEN_FILE } from './http/access-token.js';
export type { HttpServer } from './http/http-server.js';
export {
  DEFAULT_PORT,
  type HttpServerOptions,
  HttpServerOptionsSchema,
} from './http/http-server-options.js';
export { createHttpServer, runStdioMcpServer } from './lazy-servers.js';
export type { McpServerOptions } from './mcp/mcp-server.js';
export type { StdioMcpServer } from './mcp/stdio-server.js';
export { createServerContext, type ServerContext, type ServerContextOptions } from './server-context.js';
