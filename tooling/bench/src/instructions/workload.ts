#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { openRedisTarget } from '../redis-target.js';
import { prepareRedisOperations } from '../scenarios/redis-operations.js';

/**
 * The process the instruction count (instructions/main.ts) runs under valgrind: it prepares the same world as the
 * benchmark, then runs one contender's operation `--ops` times on `--callers` concurrent callers
 * (64 by default) and exits.
 * Run with `--ops 0` it does everything but the operations: the baseline that is subtracted.
 */
const { values } = parseArgs({
  options: {
    redis: { type: 'string' },
    op: { type: 'string' },
    impl: { type: 'string' },
    ops: { type: 'string', default: '0' },
    callers: { type: 'string', default: '64' },
  },
  strict: true,
});
if (!values.redis || !values.op || !values.impl) {
  throw new Error('usage: workload.js --redis URL --op ID --impl ours|raw|peer --ops N');
}
const ops = Number(values.ops);
const target = await openRedisTarget({ url: values.redis });
const world = await prepareRedisOperations(target);
try {
  const spec = world.specs.find((s) => s.id === values.op);
  const contender = spec?.contenders.find((c) => c.impl === values.impl);
  if (!contender) throw new Error(`no contender ${values.impl} for operation ${values.op}`);
  let next = 0;
  const caller = async () => {
    while (next < ops) await contender.op(next++);
  };
  await Promise.all(Array.from({ length: Number(values.callers) }, caller));
} finally {
  await world.close();
  await target.close();
}
