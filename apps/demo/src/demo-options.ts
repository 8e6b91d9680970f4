import { MemoryError, NamespaceSchema, parseInput } from '@agent-memory/core';
import { z } from 'zod';
import type { Analyzer } from './analyzer.js';
import type { DemoOutput } from './demo-output.js';

/** Every option of the demo; the CLI flags map one to one (see `--help`). */
export const DemoOptionsSchema = z
  .object({
    /** 2: a first run learns, a second run recalls. 1: only the first. */
    runs: z.number().int().min(1).max(2).default(2),
    /** Async worker agents in this process (at least 3: one is killed, two must remain to cross-check). */
    workers: z.number().int().min(3).max(16).default(4),
    /** Run the workers as this many OS processes instead (needs Redis; falls back to async agents). */
    processes: z.number().int().min(3).max(16).optional(),
    /** Redis URL; otherwise AGENT_MEMORY_REDIS_URL / REDIS_URL, otherwise a quick try of 127.0.0.1:6379. */
    redis: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    /** Use the in-process local adapter even if Redis is around. */
    local: z.boolean().default(false),
    /** Git repository for the patterns (created and initialised when missing); a temp repo by default. */
    patternsDir: z.string().min(1).optional(),
    seed: z.number().int().nonnegative().max(0xffffffff).default(42),
    /** Task lease: short, so the killed worker's task is taken over within seconds. */
    leaseMs: z.number().int().min(300).max(60_000).default(1500),
    /** Simulated model latency for a ~500-token prompt. */
    thinkMs: z.number().int().min(0).max(5000).default(120),
    /** Namespace prefix in memory; each run gets `<namespace>-r<run>`. Unique by default. */
    namespace: NamespaceSchema.optional(),
    /** Kill one worker mid-task in the first run. */
    kill: z.boolean().default(true),
    /** Leave the runs' short-term state in memory (it still expires). */
    keep: z.boolean().default(false),
    /** Force colours on or off; by default only on a terminal. */
    color: z.boolean().optional(),
    /** Try redis://127.0.0.1:6379 when nothing is configured. */
    probeRedis: z.boolean().default(true),
  })
  .strict();
export type DemoOptions = z.output<typeof DemoOptionsSchema>;

/** What `runDemo` accepts: the options above plus what cannot come from a command line. */
export type RunDemoOptions = z.input<typeof DemoOptionsSchema> & {
  /** Where the timeline and summary go (process.stdout by default). */
  output?: DemoOutput;
  /** Plug in a real model here (in-process workers only). */
  analyzer?: Analyzer;
  /** Environment to read REDIS_URL / AGENT_MEMORY_REDIS_URL / NO_COLOR from (process.env by default). */
  env?: Record<string, string | undefined>;
};

export function parseDemoOptions(input: RunDemoOptions): {
  options: DemoOptions;
  output: DemoOutput | undefined;
  analyzer: Analyzer | undefined;
  env: Record<string, string | undefined> | undefined;
} {
  const { output, analyzer, env, ...rest } = input;
  const options = parseInput(DemoOptionsSchema, rest, 'demo options');
  if (output !== undefined && typeof output?.write !== 'function') {
    throw new MemoryError(
      'INVALID_INPUT',
      'invalid demo options at "output": must have a write(text) method',
    );
  }
  if (analyzer !== undefined && typeof analyzer?.analyze !== 'function') {
    throw new MemoryError(
      'INVALID_INPUT',
      'invalid demo options at "analyzer": must have an analyze(request) method',
    );
  }
  if (analyzer !== undefined && options.processes !== undefined) {
    throw new MemoryError(
      'INVALID_INPUT',
      'a custom analyzer runs in-process only: drop --processes to use it',
    );
  }
  return { options, output, analyzer, env };
}
