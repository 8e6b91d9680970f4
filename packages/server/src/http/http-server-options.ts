import { parseInput } from 'agent-memory';
import { z } from 'zod';
import { AgentRolesSchema } from '../agent-roles.js';

export const DEFAULT_PORT = 7420;

export const HttpServerOptionsSchema = z
  .object({
    /** Loopback by default: the API is for this machine unless you say otherwise. */
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 picks a free port. */
    port: z.number().int().min(0).max(65_535).default(DEFAULT_PORT),
    /** A fixed bearer token (at least 16 characters); otherwise one is generated (and kept in dataDir). */
    token: z.string().min(16).optional(),
    /** Where the generated token is kept between runs (`<dataDir>/server-token`, mode 0600). */
    dataDir: z.string().min(1).optional(),
    /** Largest request body in bytes. */
    bodyLimit: z
      .number()
      .int()
      .positive()
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /** SSE keep-alive comment interval. */
    sseHeartbeatMs: z.number().int().positive().default(15_000),
    /** How often each SSE stream re-reads the audit trail without a bus notification. */
    ssePollMs: z.number().int().positive().default(5_000),
    /** Where the generated token and the dashboard URL are printed on first start (stderr by default). */
    print: z.custom<(line: string) => void>((v) => typeof v === 'function', 'must be a function').optional(),
    defaultRole: AgentRolesSchema.shape.defaultRole,
    roles: AgentRolesSchema.shape.roles,
  })
  .strict();

export type HttpServerOptions = z.input<typeof HttpServerOptionsSchema>;
export type ResolvedHttpServerOptions = z.output<typeof HttpServerOptionsSchema>;

export function parseHttpServerOptions(input: unknown): ResolvedHttpServerOptions {
  return parseInput(HttpServerOptionsSchema, input ?? {}, 'server options');
}
