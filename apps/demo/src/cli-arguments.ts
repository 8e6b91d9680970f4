import { parseArgs } from 'node:util';
import { MemoryError } from '@agent-memory/core';
import type { RunDemoOptions } from './demo-options.js';

export const HELP = `Usage: npm run demo -- [options]

Agents review apps/demo/sample-codebase with two memory layers: short-term (Redis, or in-process)
and long-term (patterns in git). Run 1 learns, run 2 recalls what run 1 committed.

Options:
  --runs <1|2>           1: only the learning run (default 2: learn, then recall)
  --workers <n>          async worker agents, 3-16 (default 4)
  --processes [n]        workers as separate OS processes (default 4 when given; needs Redis)
  --redis <url>          Redis to use (default: AGENT_MEMORY_REDIS_URL, REDIS_URL, then a quick
                         try of redis://127.0.0.1:6379; otherwise the in-process adapter)
  --local                in-process local adapter even if Redis is around
  --patterns-dir <dir>   git repository for the patterns (default: a new temp repository)
  --seed <n>             seed for the doomed worker, task order and timings (default 42)
  --lease-ms <ms>        task lease; the killed worker's task frees up after it (default 1500)
  --think-ms <ms>        simulated model latency per ~500-token prompt (default 120)
  --namespace <ns>       key prefix in memory (default: unique per invocation)
  --no-kill              do not kill a worker mid-task
  --keep                 leave the runs' short-term state in memory (it still expires)
  --color / --no-color   force colours on or off (default: on a terminal, unless NO_COLOR)
  -h, --help             this help
`;

export type CliCommand = { help: true } | { help: false; options: RunDemoOptions };

/** Command-line flags → runDemo options; bad values are INVALID_INPUT naming the flag. */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        runs: { type: 'string' },
        workers: { type: 'string' },
        processes: { type: 'boolean' },
        redis: { type: 'string' },
        local: { type: 'boolean' },
        'patterns-dir': { type: 'string' },
        seed: { type: 'string' },
        'lease-ms': { type: 'string' },
        'think-ms': { type: 'string' },
        namespace: { type: 'string' },
        'no-kill': { type: 'boolean' },
        keep: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new MemoryError('INVALID_INPUT', `${(error as Error).message} (see --help)`, { cause: error });
  }
  if (values.help) return { help: true };
  // `--processes 4`: parseArgs has no optional values, so the count arrives as a positional.
  let processes: number | undefined;
  if (values.processes) {
    const count = positionals.shift();
    processes = count === undefined ? 4 : integer('--processes', count);
  }
  if (positionals.length > 0) {
    throw new MemoryError('INVALID_INPUT', `unexpected argument "${positionals[0]}" (see --help)`);
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const number = (name: string) => {
    const raw = text(name);
    return raw === undefined ? undefined : integer(`--${name}`, raw);
  };
  const options: RunDemoOptions = {
    ...defined('runs', number('runs')),
    ...defined('workers', number('workers')),
    ...defined('processes', processes),
    ...defined('redis', text('redis')),
    ...defined('local', values.local === true ? true : undefined),
    ...defined('patternsDir', text('patterns-dir')),
    ...defined('seed', number('seed')),
    ...defined('leaseMs', number('lease-ms')),
    ...defined('thinkMs', number('think-ms')),
    ...defined('namespace', text('namespace')),
    ...defined('kill', values['no-kill'] === true ? false : undefined),
    ...defined('keep', values.keep === true ? true : undefined),
    ...defined('color', values['no-color'] === true ? false : values.color === true ? true : undefined),
  };
  return { help: false, options };
}

function integer(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) {
    throw new MemoryError('INVALID_INPUT', `invalid ${flag}: expected a whole number, got "${raw}"`, {
      details: { field: flag },
    });
  }
  return Number(raw);
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
