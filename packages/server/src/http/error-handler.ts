import { isMemoryError, MemoryError } from 'agent-memory';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorBody, HTTP_STATUS } from './error-response.js';
import { RateLimited } from './write-rate-limit.js';
import type { ZodApp } from './zod-app.js';

/**
 * One error shape for every route: `{ error: { code, message, field?, issues? } }` with the status
 * of the MemoryError code. Request validation failures name the field (`body.confidence`).
 */
export function installErrorHandler(app: ZodApp, secrets: readonly string[]): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const failure = toHttpError(error);
    const status = HTTP_STATUS[failure.error.code];
    if (status >= 500) request.log.error({ code: failure.error.code }, failure.error.message);
    const body = errorBody(failure.error, secrets, failure.field);
    return reply.code(failure.status ?? status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorBody(
          new MemoryError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`),
          secrets,
        ),
      ),
  );
}

function toHttpError(error: FastifyError): { error: MemoryError; field?: string; status?: number } {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    const first = error.validation[0]!;
    const path = first.instancePath.split('/').filter(Boolean);
    const field = [where, ...path].join('.');
    const issues = error.validation.map((issue) => ({
      code: 'custom' as const,
      path: [where, ...issue.instancePath.split('/').filter(Boolean)],
      message: issue.message ?? 'invalid value',
      input: undefined,
    }));
    return {
      error: new MemoryError(
        'INVALID_INPUT',
        `invalid ${where}${path.length ? ` at "${path.join('.')}"` : ''}: ${first.message}`,
        {
          issues,
        },
      ),
      field,
    };
  }
  if (error instanceof RateLimited) return { error, status: error.status };
  if (isMemoryError(error)) return { error };
  if (isResponseSerializationError(error)) {
    return { error: new MemoryError('INTERNAL', 'the response did not match its schema', { cause: error }) };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { error: new MemoryError('TOO_LARGE', 'request body is larger than the server accepts') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        error: new MemoryError('INVALID_INPUT', 'unsupported content type: send application/json'),
        status: 415,
        field: 'content-type',
      };
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { error: new MemoryError('INVALID_INPUT', error.message), field: 'body', status };
  }
  return { error: new MemoryError('INTERNAL', 'internal error', { cause: error }) };
}
