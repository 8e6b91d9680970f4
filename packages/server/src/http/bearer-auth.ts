import { tokenMatches } from './access-token.js';
import type { ErrorBody } from './error-response.js';
import type { ZodApp } from './zod-app.js';

/** Paths anyone on the machine may fetch: liveness, and the dashboard's own files (no data in them). */
const PUBLIC_PATHS = new Set(['/health', '/', '/index.html', '/dashboard.js', '/dashboard.css']);
/** EventSource cannot set headers, so the event stream also takes `?token=`. */
const QUERY_TOKEN_PATHS = new Set(['/events']);

// A constant: nothing from the request (least of all what was sent as a token) is echoed back.
const UNAUTHORIZED: ErrorBody = {
  error: {
    code: 'FORBIDDEN',
    message: 'missing or invalid access token: send the header "Authorization: Bearer <token>"',
  },
};

/** Requires `Authorization: Bearer <token>` on everything else; 401 otherwise. */
export function installBearerAuth(app: ZodApp, token: string): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (PUBLIC_PATHS.has(path)) return;
    const header = request.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    let given = bearer;
    if (given === undefined && QUERY_TOKEN_PATHS.has(path)) {
      const query = new URLSearchParams(request.url.slice(path.length + 1));
      given = query.get('token') ?? undefined;
    }
    if (tokenMatches(token, given)) return;
    return reply.code(401).header('www-authenticate', 'Bearer realm="agent-memory"').send(UNAUTHORIZED);
  });
}
