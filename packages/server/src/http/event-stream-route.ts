import type { Memory } from 'agent-memory';
import { IdSchema, MemoryError, StreamIdSchema, toMemoryError } from 'agent-memory';
import { z } from 'zod';
import { AuditEventFeed } from '../events/audit-event-feed.js';
import { EVENT_TYPE_GLOB } from '../events/event-type-filter.js';
import { withErrors } from './schemas/error-body.js';
import { SseStream } from './sse-stream.js';
import type { ZodApp } from './zod-app.js';

export interface EventStreamOptions {
  heartbeatMs: number;
  pollMs: number;
}

const EventsQuerySchema = z.object({
  types: z
    .string()
    .max(2048)
    .optional()
    .describe('Comma-separated event type globs, e.g. task_*,conflict_detected'),
  taskId: IdSchema.optional(),
  agentId: IdSchema.optional(),
  channel: IdSchema.optional().describe('Live events of another channel (no ids, no replay).'),
  pattern: z.string().max(256).optional().describe('Channel glob such as agent:* (no ids, no replay).'),
  lastEventId: StreamIdSchema.optional().describe('Resume after this audit id (same as Last-Event-ID).'),
  token: z.string().optional().describe('The bearer token, for EventSource, which cannot set headers.'),
  namespace: z
    .string()
    .optional()
    .describe('The namespace (as the X-Agent-Memory-Namespace header), for EventSource.'),
});

const EventsHeadersSchema = z.looseObject({ 'last-event-id': StreamIdSchema.optional() });

/**
 * GET /events: coordination events as Server-Sent Events. Each event's SSE id is its audit id, so a
 * client that reconnects with Last-Event-ID gets exactly what it missed, then the live stream.
 */
export function registerEventStreamRoute(
  app: ZodApp,
  streams: Set<SseStream>,
  options: EventStreamOptions,
): void {
  app.get(
    '/events',
    {
      schema: {
        summary: 'Live events (Server-Sent Events), resumable with Last-Event-ID',
        tags: ['events'],
        querystring: EventsQuerySchema,
        headers: EventsHeadersSchema,
        response: withErrors({
          200: z.string().describe('text/event-stream: `id: <audit id>` + `data: <agent event JSON>`'),
        }),
      },
    },
    async (request, reply) => {
      const { query, ctx } = request;
      const types = query.types
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const badType = types?.find((t) => !EVENT_TYPE_GLOB.test(t));
      if (badType !== undefined) {
        throw new MemoryError(
          'INVALID_INPUT',
          `invalid query at "types": "${badType}" is not an event type glob`,
          {
            details: { field: 'query.types' },
          },
        );
      }
      if (query.channel !== undefined && query.pattern !== undefined) {
        throw new MemoryError('INVALID_INPUT', 'give either channel or pattern, not both', {
          details: { field: 'query.pattern' },
        });
      }
      const after = request.headers['last-event-id'] ?? query.lastEventId;
      const liveOnly =
        query.pattern !== undefined ||
        (query.channel !== undefined && query.channel !== ctx.memory.events.channel);
      reply.hijack();
      const stream = new SseStream(reply.raw, { heartbeatMs: options.heartbeatMs, retryMs: 2000 });
      streams.add(stream);
      stream.onClose(() => streams.delete(stream));
      const fail = (error: unknown) => {
        stream.send({ event: 'error', data: { code: toMemoryError(error).code } });
        stream.close();
      };
      if (liveOnly) {
        const subscribeOptions: NonNullable<Parameters<Memory['events']['subscribe']>[1]> = {
          ...(types ? { types } : {}),
          ...(query.pattern !== undefined ? { pattern: query.pattern } : { channel: query.channel! }),
        };
        try {
          const subscription = await ctx.memory.events.subscribe(
            (event, from) => stream.send({ data: { ...event, channel: from.channel } }),
            subscribeOptions,
          );
          stream.onClose(() => void subscription.unsubscribe().catch(() => undefined));
          stream.send({ event: 'ready', data: { mode: 'live' } });
        } catch (error) {
          fail(error);
        }
        return;
      }
      try {
        const feed = await AuditEventFeed.open(ctx.memory, {
          ...(after === undefined ? {} : { after }),
          filter: {
            ...(types ? { types } : {}),
            ...(query.taskId ? { taskId: query.taskId } : {}),
            ...(query.agentId ? { agentId: query.agentId } : {}),
          },
          pollMs: options.pollMs,
          onReady: (cursor) => stream.send({ event: 'ready', id: cursor, data: { mode: 'audit', cursor } }),
          onEntry: (entry) => stream.send({ id: entry.id, data: entry.event }),
          onError: (error) => stream.send({ event: 'error', data: { code: error.code } }),
        });
        stream.onClose(() => void feed.stop());
      } catch (error) {
        fail(error);
      }
    },
  );
}
