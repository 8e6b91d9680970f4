import { MemoryError, NamespaceSchema, withAuditIdentity } from 'agent-memory';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller.js';
import type { ServedNamespaces } from '../served-namespaces.js';
import type { ServerContext } from '../server-context.js';
import { PUBLIC_PATHS, pathOf } from './bearer-auth.js';
import type { ZodApp } from './zod-app.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The namespace the request works in, with its memory and agents. */
    ctx: ServerContext;
  }
}

/** The header a request names its namespace with (`?namespace=` works too, for EventSource). */
export const NAMESPACE_HEADER = 'x-agent-memory-namespace';
/** Routes that work in no namespace: /mcp picks one per session, the others describe the server. */
const UNSCOPED_PATHS = new Set(['/mcp', '/api/namespaces', '/openapi.json']);

/** The namespace a request names, if any. INVALID_INPUT for a name that cannot be one. */
export function requestedNamespace(request: FastifyRequest): string | undefined {
  const header = request.headers[NAMESPACE_HEADER];
  const path = pathOf(request);
  const raw =
    (Array.isArray(header) ? header[0] : header) ??
    new URLSearchParams(request.url.slice(path.length + 1)).get('namespace') ??
    undefined;
  if (raw === undefined) return undefined;
  const parsed = NamespaceSchema.safeParse(raw);
  if (!parsed.success) {
    throw new MemoryError(
      'INVALID_INPUT',
      'invalid namespace: 1-128 characters, no spaces, glob characters or braces',
      {
        details: { field: NAMESPACE_HEADER },
      },
    );
  }
  return parsed.data;
}

/** The authenticated caller (set by the bearer hook on every non-public route). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new MemoryError('INTERNAL', `no caller on ${pathOf(request)}`);
  return request.caller;
}

/**
 * Resolves each request's namespace (FORBIDDEN outside the credential's list) before its handler
 * runs, and runs every handler with the caller's identity in scope, so each audit entry a request
 * writes names the credential. /mcp picks its namespace once, when its session starts.
 */
export function installRequestScope(app: ZodApp, served: ServedNamespaces): void {
  app.decorateRequest('ctx', undefined as unknown as ServerContext);
  app.addHook('preHandler', async (request) => {
    const path = pathOf(request);
    if (PUBLIC_PATHS.has(path) || UNSCOPED_PATHS.has(path) || !request.caller) return;
    request.ctx = await served.scope(request.caller, requestedNamespace(request));
  });
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function scoped(this: unknown, request, reply) {
      const caller = request.caller;
      if (!caller) return handler.call(this as never, request, reply);
      const identity = {
        kind: caller.kind,
        credentialId: caller.credentialId,
        ...(caller.agentId === undefined ? {} : { agentId: caller.agentId }),
      };
      return withAuditIdentity(identity, () => handler.call(this as never, request, reply));
    };
  });
}
