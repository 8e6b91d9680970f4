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
export { type Authentication, Authenticator, type RefusalReason } from './auth/authenticator.js';
export { ADMIN_CALLER, type Caller, type CredentialKind } from './auth/caller.js';
export { type JwtOptions, JwtOptionsSchema, JwtVerifier } from './auth/jwt-verifier.js';
export { TOKENS_FILE, type TokenRecord } from './auth/token-file.js';
export { type TokenCreateInput, type TokenInfo, TokenStore } from './auth/token-store.js';
export { scrubCredentials } from './credential-scrub.js';
export { AuditEventFeed, type AuditEventFeedOptions, type FeedFilter } from './events/audit-event-feed.js';
export { resolveAccessToken, TOKEN_FILE } from './http/access-token.js';
export type { HttpServer } from './http/http-server.js';
export {
  DEFAULT_PORT,
  type HttpServerOptions,
  HttpServerOptionsSchema,
} from './http/http-server-options.js';
export { NAMESPACE_HEADER } from './http/request-scope.js';
export { createHttpServer, runStdioMcpServer } from './lazy-servers.js';
export type { McpServerOptions } from './mcp/mcp-server.js';
export type { StdioMcpServer } from './mcp/stdio-server.js';
export { namespaceConfig } from './namespace-config.js';
export { type NamespaceOpener, ServedNamespaces } from './served-namespaces.js';
export { createServerContext, type ServerContext, type ServerContextOptions } from './server-context.js';
