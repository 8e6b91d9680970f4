import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type TestRedis, useTestRedis } from '@agent-memory/redis-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
// Built by `npm test` before the tests start; valgrind itself is too slow for the suite, so this
// checks the two programs it drives, not the counts.
const WORKLOAD = fileURLToPath(new URL('../../dist/instructions/workload.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/instructions/main.js', import.meta.url));

describe('the instruction count', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await useTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs a contender of the benchmark for the given number of operations and exits cleanly', async () => {
    for (const impl of ['ours', 'raw']) {
      const args = [
        WORKLOAD,
        '--redis',
        redis.url,
        '--op',
        'context-retrieval',
        '--impl',
        impl,
        '--ops',
        '50',
      ];
      await expect(run(process.execPath, args, { timeout: 30_000 })).resolves.toBeDefined();
    }
  }, 60_000);

  it('refuses a contender the operation does not have', async () => {
    const args = [WORKLOAD, '--redis', redis.url, '--op', 'session-read', '--impl', 'peer', '--ops', '1'];
    await expect(run(process.execPath, args, { timeout: 30_000 })).rejects.toMatchObject({
      stderr: expect.stringContaining('no contender peer for operation session-read'),
    });
  });

  it('explains itself and refuses bad counts before starting anything', async () => {
    const { stdout } = await run(process.execPath, [MAIN, '--help']);
    expect(stdout).toContain('valgrind --tool=callgrind');
    await expect(run(process.execPath, [MAIN, '--ops', '0'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--ops must be a positive whole number|valgrind is not on PATH/),
    });
  });
});
