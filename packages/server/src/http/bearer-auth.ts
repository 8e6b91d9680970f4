import type { FastifyRequest } from 'fastify';
import type { Authenticator, RefusalReason } from '../auth/authenticator.js';
import type { Caller } from '../auth/caller.js';
import type { ErrorBody } from './error-response.js';
import type { ZodApp } from './zod-app.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the credential says is calling; set for every route that needs a token. */
    caller: Caller | undefined;
  }
}

/** Paths anyone on the machine may fetch: liveness, and the dashboard's own files (no data in them). */
export const PUBLIC_PATHS = new Set(['/health', '/', '/index.html', '/dashboard.js', '/dashboard.css']);
/** EventSource cannot set headers, so the event stream also takes `?token=`. */
const QUERY_TOKEN_PATHS = new Set(['/events']);

/** The request's path without its query. */
export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

/**
 * Requires `Authorization: Bearer <token>` on everything but the public paths: a 401 whose message
 * says whether the credential was missing, malformed, invalid, expired or revoked (nothing from the
 * request is echoed back), else `request.caller`.
 */
export function installBearerAuth(app: ZodApp, authenticator: Authenticator): void {
  app.decorateRequest('caller', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    if (PUBLIC_PATHS.has(path)) return;
    const header = request.headers.authorization;
    let given: string | undefined;
    let malformedHeader = false;
    if (header !== undefined) {
      given = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      malformedHeader = given === undefined;
    } else if (QUERY_TOKEN_PATHS.has(path)) {
      const query = new URLSearchParams(request.url.slice(path.length + 1));
      given = query.get('token') ?? undefined;
    }
    const outcome = malformedHeader
      ? await authenticator.authenticate('\n') // not a token: refused as malformed, at the same cost
      : await authenticator.authenticate(given);
    if (outcome.ok) {
      request.caller = outcome.caller;
      return;
    }
    return reply
      .code(401)
      .header('www-authenticate', challenge(outcome.reason))
      .send(refusalBody(outcome.reason, outcome.message));
  });
}

function refusalBody(reason: RefusalReason, message: string): ErrorBody {
  return { error: { code: 'FORBIDDEN', reason, message } };
}

/** RFC 6750: no error for a missing token, invalid_token (with the reason) otherwise. */
function challenge(reason: RefusalReason): string {
  if (reason === 'missing') return 'Bearer realm="agent-memory"';
  return `Bearer realm="agent-memory", error="invalid_token", error_description="${reason}"`;
}
