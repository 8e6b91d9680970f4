import fastifySwagger from '@fastify/swagger';
import { JsonTreeSchema } from 'agent-memory';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SERVER_INFO } from '../server-info.js';
import type { ZodApp } from './zod-app.js';

/** The OpenAPI document, generated from the same zod schemas that validate requests and responses. */
export async function registerOpenApi(app: ZodApp): Promise<void> {
  // The recursive JSON value schema needs a name of its own: left anonymous, its self-references
  // come out as $refs to components the document does not contain.
  if (!z.globalRegistry.has(JsonTreeSchema)) z.globalRegistry.add(JsonTreeSchema, { id: 'JsonValue' });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'agent-memory',
        description:
          'Memory for AI agents: sessions, conversation windows, task claims, findings and conflicts ' +
          '(short-term, Redis or local), long-term patterns in git, and live events.',
        version: SERVER_INFO.version,
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}

/** GET /openapi.json (behind the token like the API it describes). */
export function registerOpenApiRoute(app: ZodApp): void {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
