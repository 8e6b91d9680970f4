import { MemoryError } from 'agent-memory';
import { errorBody } from './error-response.js';
import type { ZodApp } from './zod-app.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `host[:port]` → host, with IPv6 brackets kept (`[::1]`). */
function hostnameOf(hostHeader: string): string {
  const bracketed = hostHeader.match(/^(\[[^\]]+\])(?::\d+)?$/);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/**
 * DNS-rebinding protection for a server bound to loopback, as the MCP specification advises for
 * Streamable HTTP: a page on another site whose name was made to resolve to 127.0.0.1 reaches us
 * with its own name in `Host` and its own `Origin`. Both must name a loopback host, else 403.
 * Applies to every route (the API and the event stream are as exposed as /mcp).
 */
export function installLoopbackOriginCheck(app: ZodApp, bindHost: string, secrets: readonly string[]): void {
  if (!isLoopbackHost(bindHost)) return;
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    if (host === undefined || !isLoopbackHost(hostnameOf(host))) {
      return reply
        .code(403)
        .send(
          errorBody(
            new MemoryError(
              'FORBIDDEN',
              'the Host header does not name this loopback server (DNS rebinding protection)',
            ),
            secrets,
          ),
        );
    }
    const origin = request.headers.origin;
    if (origin === undefined) return;
    let originHost: string | undefined;
    try {
      const url = new URL(origin);
      originHost = url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : undefined;
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined || !isLoopbackHost(originHost.toLowerCase())) {
      return reply
        .code(403)
        .send(
          errorBody(
            new MemoryError(
              'FORBIDDEN',
              'requests from other origins are refused (Origin is not a loopback page)',
            ),
            secrets,
          ),
        );
    }
  });
}
