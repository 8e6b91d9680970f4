import { fileURLToPath } from 'node:url';
import { NamespaceSchema, parseInput } from '@agent-memory/core';
import { z } from 'zod';

/** Sections of a run, in the order they run and appear in the report. */
export const SECTIONS = ['short-term', 'local', 'sqlite', 'scale', 'patterns', 'startup'] as const;
export type Section = (typeof SECTIONS)[number];

const count = z.number().int().positive();

/** How much work each measurement does; `--quick` and the full run differ only here. */
export const ProfileSchema = z
  .object({
    /** Operations run and thrown away before each measurement (JIT, connections, Lua cache). */
    warmup: z.number().int().min(0),
    /** Serial (one caller, awaited) samples per implementation and round. */
    latencyIterations: count,
    /** Wall time of each throughput measurement (per contender and round), ms. */
    throughputMs: count,
    /** Concurrent callers for the headline throughput. */
    concurrency: count,
    /** Ours / raw / peer are interleaved this many times so drift hits them alike. */
    rounds: count,
    /** Concurrent agents for the scale curves. */
    agents: z.array(count).min(1),
    /** Wall time of each point of a scale curve (per contender and round), ms. */
    scaleMs: count,
    /** Conversation window lengths for the window curve. */
    windowLengths: z.array(count).min(1),
    /** Local adapter: ops per timed batch, and batches. */
    localBatchSize: count,
    localBatches: count,
    /** SQLite adapter: messages published to a subscriber in another process (one at a time). */
    crossProcessMessages: count,
    /** Pattern corpus sizes (ascending) the long-term layer is measured at. */
    corpusSizes: z.array(count).min(1),
    /** Search queries per corpus size. */
    searchQueries: count,
    /** Single saves and saveMany(100) batches per corpus size. */
    patternSaves: count,
    patternBatches: count,
    /** Versions of the pattern whose history is read. */
    historyVersions: count,
    historyReads: count,
    /** Counted whole-process runs of each CLI command (each paired with a bare `node -e 0`). */
    startupRuns: count,
  })
  .strict();
export type Profile = z.infer<typeof ProfileSchema>;

export const FULL_PROFILE: Profile = {
  warmup: 1000,
  latencyIterations: 4000,
  throughputMs: 800,
  concurrency: 64,
  rounds: 7,
  agents: [1, 8, 64, 512],
  scaleMs: 300,
  windowLengths: [10, 100, 1000],
  localBatchSize: 500,
  localBatches: 400,
  crossProcessMessages: 400,
  corpusSizes: [100, 1000, 10_000],
  searchQueries: 200,
  patternSaves: 20,
  patternBatches: 3,
  historyVersions: 10,
  historyReads: 20,
  startupRuns: 9,
};

export const QUICK_PROFILE: Profile = {
  warmup: 200,
  latencyIterations: 600,
  throughputMs: 150,
  concurrency: 64,
  rounds: 2,
  agents: [1, 8, 64, 512],
  scaleMs: 60,
  windowLengths: [10, 100, 1000],
  localBatchSize: 200,
  localBatches: 100,
  crossProcessMessages: 100,
  corpusSizes: [100, 500],
  searchQueries: 50,
  patternSaves: 5,
  patternBatches: 1,
  historyVersions: 5,
  historyReads: 5,
  startupRuns: 3,
};

/** Where `pnpm bench` writes: `<repo>/bench/results` (this file sits in src/ or dist/). */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../../../bench/results/', import.meta.url));

export const BenchOptionsSchema = z
  .object({
    quick: z.boolean().default(false),
    /** An existing Redis; by default a private redis-server is started (and stopped) for the run. */
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    /** Every key the run writes lives under this namespace and is deleted at the end. */
    namespace: NamespaceSchema.optional(),
    outDir: z.string().min(1).default(DEFAULT_OUT_DIR),
    /** Only these sections (all by default). */
    sections: z
      .array(z.enum(SECTIONS))
      .min(1)
      .default([...SECTIONS]),
    /** Overrides of the quick or full profile (tests use tiny counts). */
    profile: ProfileSchema.partial().default({}),
    /** Progress lines; silent when false. */
    log: z.custom<(line: string) => void>((v) => typeof v === 'function').optional(),
  })
  .strict();
export type BenchOptionsInput = z.input<typeof BenchOptionsSchema>;
export type BenchOptions = z.output<typeof BenchOptionsSchema>;

export function parseBenchOptions(input: BenchOptionsInput): BenchOptions {
  return parseInput(BenchOptionsSchema, input, 'bench options');
}

export function resolveProfile(options: BenchOptions): Profile {
  const base = options.quick ? QUICK_PROFILE : FULL_PROFILE;
  return parseInput(ProfileSchema, { ...base, ...options.profile }, 'bench profile');
}
