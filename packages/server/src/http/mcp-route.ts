import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { MemoryError } from 'agent-memory';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller.js';
import { createMcpServer } from '../mcp/mcp-server.js';
import type { ServedNamespaces } from '../served-namespaces.js';
import { errorBody } from './error-response.js';
import { callerOf, requestedNamespace } from './request-scope.js';
import type { ZodApp } from './zod-app.js';

/** At most this many MCP sessions at once; past that the least recently used one is closed. */
const MAX_SESSIONS = 128;

interface McpSession {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  /** The credential that opened it: every later request of the session must carry the same one. */
  caller: Caller;
}

/**
 * The live MCP sessions of the HTTP server, least recently used first (Map insertion order,
 * refreshed on every request). A host that vanishes without DELETE cannot pin a slot forever.
 */
export class McpSessions {
  readonly #byId = new Map<string, McpSession>();

  get(id: string): McpSession | undefined {
    const session = this.#byId.get(id);
    if (session) {
      this.#byId.delete(id);
      this.#byId.set(id, session);
    }
    return session;
  }

  add(id: string, session: McpSession): void {
    this.#byId.set(id, session);
    for (const [oldId, old] of this.#byId) {
      if (this.#byId.size <= MAX_SESSIONS) break;
      this.#byId.delete(oldId);
      void old.server.close().catch(() => undefined);
    }
  }

  delete(id: string): void {
    this.#byId.delete(id);
  }

  async closeAll(): Promise<void> {
    const sessions = [...this.#byId.values()];
    this.#byId.clear();
    await Promise.allSettled(sessions.map((s) => s.server.close()));
  }
}

/**
 * MCP over Streamable HTTP at /mcp (behind the bearer token like every route): an initialize
 * request opens a session (its id in the Mcp-Session-Id header) in the namespace it names, acting
 * as its credential; later requests, the GET stream and DELETE carry that id and the same
 * credential. The tools act on the same memory, roles and claims as the HTTP API.
 */
export function registerMcpRoute(
  app: ZodApp,
  served: ServedNamespaces,
  sessions: McpSessions,
  secrets: readonly string[],
): void {
  const refuse = (reply: FastifyReply, status: number, error: MemoryError) =>
    reply.code(status).send(errorBody(error, secrets));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = callerOf(request);
    const header = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    let session = sessionId ? sessions.get(sessionId) : undefined;
    // Another credential that learnt a session id must not ride on it: it is not its session.
    if (
      session &&
      (session.caller.kind !== caller.kind || session.caller.credentialId !== caller.credentialId)
    ) {
      session = undefined;
    }
    if (!session) {
      if (sessionId) return refuse(reply, 404, new MemoryError('NOT_FOUND', 'unknown or closed MCP session'));
      if (request.method !== 'POST' || !isInitializeRequest(request.body)) {
        return refuse(
          reply,
          400,
          new MemoryError('INVALID_INPUT', 'start with an initialize request (no Mcp-Session-Id yet)'),
        );
      }
      const ctx = await served.scope(caller, requestedNamespace(request));
      const server = createMcpServer(ctx.memory, { context: ctx, caller });
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => sessions.add(id, { transport, server, caller }),
        onsessionclosed: (id) => sessions.delete(id),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await server.connect(transport);
      session = { transport, server, caller };
    }
    reply.hijack();
    try {
      await session.transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      // The transport answers protocol errors itself; this is a bug or a dropped socket.
      request.log.error({ err: error }, 'MCP request failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify(errorBody(new MemoryError('INTERNAL', 'MCP request failed'), secrets)));
      } else reply.raw.end();
    }
  };
  for (const method of ['GET', 'POST', 'DELETE'] as const) {
    app.route({ method, url: '/mcp', schema: { hide: true }, handler: handle });
  }
}
