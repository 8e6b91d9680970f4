import { createLocalAdapter } from '@agent-memory/local-adapter';
import type { Profile } from '../bench-options.js';
import { TARGETS } from '../operation-spec.js';
import type { LocalOpResult } from '../report-model.js';
import { inProcessOperations, measureInProcess } from './in-process-operations.js';

/**
 * The same four operations on the in-process adapter. One op takes about as long as reading the
 * clock, so each sample is a timed batch of awaited ops divided by the batch size.
 */
export async function runLocalOperations(
  profile: Profile,
  log: (line: string) => void,
): Promise<LocalOpResult[]> {
  const adapter = createLocalAdapter({ namespace: 'bench', sweepIntervalMs: 0 });
  try {
    const ops = await inProcessOperations(adapter, profile);
    return await measureInProcess(ops, profile, log, () => TARGETS.localP50Us);
  } finally {
    await adapter.close();
  }
}
