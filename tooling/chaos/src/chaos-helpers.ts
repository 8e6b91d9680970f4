import { type Cluster, Redis } from 'ioredis';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 'resolved', or the error's code (MemoryError) or its class name: what a test compares. */
export const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: { code?: unknown; name?: string }) =>
      typeof error?.code === 'string' ? error.code : `untyped:${error?.name ?? String(error)}`,
  );

/** Polls until check() is true; throws after timeoutMs so no test waits forever. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Retries op until it succeeds and returns how long that took from `since`: the unavailability
 * window a client saw. Measured and printed, never asserted (the machine is shared and loaded).
 */
export async function measureRecovery<T>(
  label: string,
  since: number,
  op: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<{ value: T; windowMs: number; failures: number }> {
  let failures = 0;
  for (;;) {
    try {
      const value = await op();
      const windowMs = Date.now() - since;
      console.log(`[chaos] ${label}: unavailable for ${windowMs} ms (${failures} failed calls)`);
      return { value, windowMs, failures };
    } catch (error) {
      failures++;
      if (Date.now() - since > timeoutMs) throw error;
      await sleep(100);
    }
  }
}

/** Every key of a standalone server (SCAN, never KEYS). */
export async function scanAll(client: Redis, match = '*'): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Keys per master of a cluster, by SCAN on each master. */
export async function scanCluster(cluster: Cluster, match = '*'): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const node of cluster.nodes('master')) {
    const address = `${node.options.host}:${node.options.port}`;
    out.set(address, await scanAll(node as Redis, match));
  }
  return out;
}

/** A plain client that never queues: for admin commands against a server under test. */
export function adminClient(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 5000 });
  client.on('error', () => {});
  return client;
}
