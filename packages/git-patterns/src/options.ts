import { parseInput } from '@agent-memory/core';
import { z } from 'zod';
import type { Redaction } from './secrets/index.js';

/** Remote and branch names go on git's command line: no leading `-`, no `..`, no spaces. */
const RefNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be a plain git ref or remote name')
  .refine(
    (s) => !s.includes('..') && !s.endsWith('.lock') && !s.endsWith('/'),
    'must be a valid git ref name',
  );

const SingleLineSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\n\r<>]+$/, 'must be one line without < or >');

export const GitPatternStoreOptionsSchema = z
  .object({
    /** The repository (any folder inside its work tree); the project repository by default. */
    repo: z.string().min(1),
    /** Patterns folder, relative to the repository root. */
    dir: z.string().min(1).default('.agent-memory/patterns'),
    /** Remote `sync()` pulls from and pushes to. */
    remote: RefNameSchema.default('origin'),
    /** Branch `sync()` integrates with; the current branch when omitted. */
    branch: RefNameSchema.optional(),
    /** Credentials found in a pattern: redact them, or refuse the save (FORBIDDEN). */
    secrets: z.enum(['redact', 'refuse']).default('redact'),
    /** Personal data (emails, phone and card numbers): follows `secrets` unless set. */
    pii: z.enum(['redact', 'refuse', 'allow']).optional(),
    /** Create the repository when `repo` is not inside one. */
    init: z.boolean().default(false),
    /** Commit identity; git's configured identity (or a neutral fallback) when omitted. */
    author: z.object({ name: SingleLineSchema, email: SingleLineSchema }).strict().optional(),
    /** Source of `created`/`updated` timestamps and id times. */
    clock: z.custom<() => Date>((value) => typeof value === 'function', 'must be a function').optional(),
    /** Called once per kind and field redacted (never with the secret). */
    onRedaction: z
      .custom<(redaction: Redaction & { patternId?: string }) => void>(
        (value) => typeof value === 'function',
        'must be a function',
      )
      .optional(),
    /** `ulid` (sortable, default) or `slug` (`<title-slug>-<ulid>`, readable file names). */
    idStyle: z.enum(['ulid', 'slug']).default('ulid'),
    /** How long a save waits for other writers before failing with BACKEND_UNAVAILABLE. */
    lockTimeoutMs: z.number().int().positive().max(600_000).default(60_000),
    /** A write lock older than this is considered abandoned by a crashed process. */
    lockStaleMs: z.number().int().min(2000).max(600_000).default(10_000),
  })
  .strict();

export type GitPatternStoreOptions = z.input<typeof GitPatternStoreOptionsSchema>;
export type ResolvedOptions = z.output<typeof GitPatternStoreOptionsSchema>;

export function parseOptions(options: unknown): ResolvedOptions {
  return parseInput(GitPatternStoreOptionsSchema, options, 'git pattern store options');
}
