#!/usr/bin/env node
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findExecutable, startRedisServer } from '@agent-memory/redis-server';
import { textTable } from '../markdown-table.js';
import { ratio } from '../units.js';

const HELP = `usage: pnpm --filter @agent-memory/bench instructions [--ops N] [--warmup N] [--only OP,OP]

Counts the CPU instructions the client process spends per operation, ours and raw ioredis,
with valgrind --tool=callgrind: a count, not a time, so it comes out the same on a busy machine
as on an idle one, and a change of a few percent is visible. Each contender runs twice in its own
process on a private redis-server, once with --warmup operations and once with --warmup + --ops;
the difference leaves out start-up, preparation and most JIT compilation. Needs valgrind on PATH;
takes a few minutes (valgrind runs Node about 50 times slower).

  --ops N       operations counted (default 10000)
  --warmup N    operations in the run that is subtracted (default 3000)
  --only LIST   operations (default session-read,context-retrieval; also claim, pubsub,
                coordination-write)
  --callers N   concurrent callers (default 64, as in the benchmark's throughput)
`;

const WORKLOAD = fileURLToPath(new URL('./workload.js', import.meta.url));

function instructions(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      'valgrind',
      ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, WORKLOAD, ...args],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        const collected = /Collected : (\d+)/.exec(stderr)?.[1];
        if (error || collected === undefined) {
          reject(new Error(`valgrind run failed (${args.join(' ')}):\n${stderr.slice(-2000)}`));
        } else {
          resolve(Number(collected));
        }
      },
    );
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ops: { type: 'string', default: '10000' },
      warmup: { type: 'string', default: '3000' },
      only: { type: 'string', default: 'session-read,context-retrieval' },
      callers: { type: 'string', default: '64' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (findExecutable('valgrind') === null) throw new Error('valgrind is not on PATH');
  const ops = Number(values.ops);
  const warmup = Number(values.warmup);
  if (!Number.isSafeInteger(ops) || ops < 1) throw new Error('--ops must be a positive whole number');
  if (!Number.isSafeInteger(warmup) || warmup < 0) throw new Error('--warmup must be a whole number');
  const callers = Number(values.callers);
  if (!Number.isSafeInteger(callers) || callers < 1)
    throw new Error('--callers must be a positive whole number');
  const server = await startRedisServer();
  try {
    const run = (op: string, impl: string, n: number) =>
      instructions([
        '--redis',
        server.url,
        '--op',
        op,
        '--impl',
        impl,
        '--ops',
        String(n),
        '--callers',
        String(callers),
      ]);
    const rows: string[][] = [];
    for (const op of values.only.split(',').map((s) => s.trim())) {
      const perOp: Record<string, number> = {};
      for (const impl of ['ours', 'raw']) {
        // Two processes at once: one per core of a small machine, and the counts do not mind.
        const [base, total] = await Promise.all([run(op, impl, warmup), run(op, impl, warmup + ops)]);
        perOp[impl] = (total - base) / ops;
        process.stderr.write(
          `  ${op} ${impl}: ${Math.round(perOp[impl]!).toLocaleString('en-US')} instructions/op\n`,
        );
      }
      const ours = perOp.ours!;
      const raw = perOp.raw!;
      rows.push([
        op,
        Math.round(ours).toLocaleString('en-US'),
        Math.round(raw).toLocaleString('en-US'),
        ratio(ours / raw),
      ]);
    }
    process.stdout.write(
      `\n${textTable(['operation', 'ours instr/op', 'raw instr/op', 'ours/raw'], rows, ['l', 'r', 'r', 'r'])}\n` +
        `(client process only: ${ops.toLocaleString('en-US')} operations after ${warmup.toLocaleString('en-US')} of warm-up, ${callers} concurrent callers)\n`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:instructions failed: ${error instanceof Error ? error.message : String(error)}\n${HELP}`,
  );
  process.exit(1);
});
