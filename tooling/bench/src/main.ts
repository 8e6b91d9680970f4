#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isMemoryError } from '@agent-memory/core';
import { type BenchOptionsInput, SECTIONS, type Section } from './bench-options.js';
import { renderConsole } from './console-report.js';
import { runBench } from './run-bench.js';

const HELP = `usage: pnpm bench [--quick] [--redis URL] [--out DIR] [--only SECTIONS] [--namespace NS]

  --quick          small iteration counts and corpora (under a minute)
  --redis URL      measure an existing Redis instead of a private redis-server
                   (keys go under a fresh namespace and are deleted afterwards)
  --out DIR        where latest.json, latest.md and the SVG charts go (default bench/results)
  --only LIST      comma-separated sections: ${SECTIONS.join(', ')}
  --namespace NS   key namespace for the run (default bench-<random>)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      redis: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
      namespace: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const options: BenchOptionsInput = {
    quick: values.quick,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  if (values.redis) options.redisUrl = values.redis;
  if (values.out) options.outDir = values.out;
  if (values.namespace) options.namespace = values.namespace;
  if (values.only) options.sections = values.only.split(',').map((s) => s.trim()) as Section[];
  const { report, files } = await runBench(options);
  process.stdout.write(renderConsole(report, files));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = isMemoryError(error) ? `${error.code}: ${error.message}` : String(error);
    process.stderr.write(`bench failed: ${message}\n${HELP}`);
    process.exit(1);
  },
);
