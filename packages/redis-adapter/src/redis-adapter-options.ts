import { RedisConfigSchema, ShortTermConfigSchema } from '@agent-memory/core';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';

const EndpointSchema = z
  .object({ host: z.string().min(1), port: z.number().int().positive().max(65_535) })
  .strict();

// Duck-typed rather than instanceof: a caller may hold a Redis from another copy of ioredis.
const isIoredisClient = (value: unknown): value is Redis | Cluster =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { defineCommand?: unknown }).defineCommand === 'function' &&
  typeof (value as { duplicate?: unknown }).duplicate === 'function';

const redis = RedisConfigSchema.shape;

/**
 * How to reach Redis (exactly one of url / client / sentinels + name / cluster; none means
 * redis://127.0.0.1:6379) plus the short-term config every adapter takes.
 */
export const RedisAdapterOptionsSchema = z
  .object({
    ...ShortTermConfigSchema.shape,
    /** redis:// or rediss:// (TLS), with `user:pass@` for ACL users and `/db` for a database. */
    url: redis.url,
    /** An existing ioredis Redis or Cluster; the adapter closes it only when `closeClient` is set. */
    client: z
      .custom<Redis | Cluster>(isIoredisClient, 'must be an ioredis Redis or Cluster instance')
      .optional(),
    closeClient: z.boolean().default(false),
    sentinels: z.array(EndpointSchema).min(1).optional(),
    /** Sentinel master name. */
    name: z.string().min(1).optional(),
    cluster: z.array(EndpointSchema).min(1).optional(),
    /** ACL credentials and TLS for sentinels / cluster nodes (a url carries its own). */
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    tls: z.boolean().optional(),
    commandTimeoutMs: redis.commandTimeoutMs,
    connectTimeoutMs: redis.connectTimeoutMs,
    enableAutoPipelining: z.boolean().default(true),
  })
  .strict()
  .superRefine((options, ctx) => {
    const sources = (['url', 'client', 'sentinels', 'cluster'] as const).filter(
      (k) => options[k] !== undefined,
    );
    if (sources.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [sources[1]!],
        message: `give one of url, client, sentinels, cluster (got ${sources.join(' and ')})`,
      });
    }
    if (options.sentinels !== undefined && options.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'sentinels need the master name' });
    }
    if (options.name !== undefined && options.sentinels === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'name is the sentinel master name: give sentinels too',
      });
    }
    const credentials = (['username', 'password', 'tls'] as const).filter((k) => options[k] !== undefined);
    if (credentials.length > 0 && options.sentinels === undefined && options.cluster === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [credentials[0]!],
        message: 'username, password and tls are for sentinels or cluster; a url carries its own',
      });
    }
  });

export type RedisAdapterOptions = z.input<typeof RedisAdapterOptionsSchema>;
export type ResolvedRedisAdapterOptions = z.output<typeof RedisAdapterOptionsSchema>;
