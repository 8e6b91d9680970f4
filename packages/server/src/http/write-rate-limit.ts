import rateLimit from '@fastify/rate-limit';
import { MemoryError } from 'agent-memory';
import { describeCaller } from '../auth/caller.js';
import type { ZodApp } from './zod-app.js';

/** Thrown by the limiter and answered by the error handler as 429 (with Retry-After already set). */
export class RateLimited extends MemoryError {
  readonly status = 429;
}

export interface WriteRateLimit {
  /** Writes (any method but GET/HEAD/OPTIONS, MCP messages included) per credential per window. */
  max: number;
  windowMs: number;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Per-credential write limits (@fastify/rate-limit, in process memory): each credential (token id,
 * JWT subject, or the admin token) gets `max` writes per window; past that 429 with Retry-After.
 */
export async function installWriteRateLimit(app: ZodApp, limit: WriteRateLimit): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    // After authentication (onRequest): the key is the credential, never the address.
    hook: 'preHandler',
    allowList: (request) => READS.has(request.method) || request.caller === undefined,
    keyGenerator: (request) => `${request.caller?.kind}:${request.caller?.credentialId}`,
    addHeadersOnExceeding: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
    },
    errorResponseBuilder: (request, context) =>
      new RateLimited(
        'FORBIDDEN',
        `too many writes: ${request.caller ? describeCaller(request.caller) : 'this credential'} may make ${context.max} per ${Math.round(limit.windowMs / 1000)} s; retry after ${context.after}`,
        { details: { reason: 'rate_limited' } },
      ),
  });
}
