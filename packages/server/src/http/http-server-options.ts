import { parseInput } from 'agent-memory';
import { z } from 'zod';
import { AgentRolesSchema } from '../agent-roles.js';
import { JwtOptionsSchema } from '../auth/jwt-verifier.js';
import type { NamespaceOpener } from '../served-namespaces.js';

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
    /** Roles of agents acting through the admin token (issued tokens and JWTs carry their own). */
    defaultRole: AgentRolesSchema.shape.defaultRole,
    roles: AgentRolesSchema.shape.roles,
    /** Namespaces served beside the memory's own (the default); a request names one with X-Agent-Memory-Namespace. */
    namespaces: z.array(z.string().min(1)).default([]),
    /** Opens the memory of another served namespace; by default the memory's config with that namespace. */
    openNamespace: z.custom<NamespaceOpener>((v) => typeof v === 'function', 'must be a function').optional(),
    /** Issued tokens (`agent-memory tokens create`); default `<dataDir>/tokens.json`. */
    tokensFile: z.string().min(1).optional(),
    /** Accept JWTs from an identity provider: an HS256 secret or a JWKS file/URL, and claim names. */
    jwt: JwtOptionsSchema.optional(),
    /** Writes per credential per window (429 with Retry-After past it); false turns the limit off. */
    writeRateLimit: z
      .union([
        z.literal(false),
        z
          .object({
            max: z.number().int().positive(),
            windowMs: z.number().int().positive().default(60_000),
          })
          .strict(),
      ])
      .default({ max: 600, windowMs: 60_000 }),
  })
  .strict();

export type HttpServerOptions = z.input<typeof HttpServerOptionsSchema>;
export type ResolvedHttpServerOptions = z.output<typeof HttpServerOptionsSchema>;

export function parseHttpServerOptions(input: unknown): ResolvedHttpServerOptions {
  return parseInput(HttpServerOptionsSchema, input ?? {}, 'server options');
}
