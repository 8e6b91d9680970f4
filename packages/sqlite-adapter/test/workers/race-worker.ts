// One process of the race: AGENTS async agents over TASKS tasks on one file, through the ports only.
// Per task an agent: skips it when done; claims it (acquire); under the lease checks "done" again
// (another process may have finished it before this claim), shares one finding, marks it done,
// releases with its fencing token; then replays that stale token, which must be refused.
// Prints one JSON report: every claim (task, token) and every completion.
import { isMemoryError } from '@agent-memory/core';
import { createSqliteAdapter } from '../../src/index.js';

const [file, worker, agents, tasks, processes] = process.argv.slice(2);
const adapter = createSqliteAdapter({ path: file!, namespace: 'race', sweepIntervalMs: 0 });
const claims: { task: string; token: number }[] = [];
const completed: string[] = [];
let staleRefused = 0;
let staleAccepted = 0;

async function agent(agentId: string, offset: number): Promise<void> {
  const n = Number(tasks);
  for (let i = 0; i < n; i++) {
    const task = `task-${(i + offset) % n}`;
    if (await adapter.records.get('done', task)) continue;
    const lease = await adapter.leases.acquire(task, agentId, 60_000);
    if (!lease) continue;
    claims.push({ task, token: lease.token });
    if (!(await adapter.records.get('done', task))) {
      await adapter.findings.append(task, {
        agentId,
        subject: task,
        verdict: 'done',
        confidence: 1,
        data: { token: lease.token },
      });
      await adapter.records.put('done', task, { agentId, token: lease.token }, { ttlMs: 600_000 });
      completed.push(task);
    }
    if (!(await adapter.leases.release(lease))) throw new Error(`release of ${task} by ${agentId} refused`);
    // a zombie replaying the token it held: renew and release must both refuse it
    if (await adapter.leases.release(lease)) staleAccepted++;
    else staleRefused++;
    try {
      await adapter.leases.renew(lease, 60_000);
      staleAccepted++;
    } catch (error) {
      if (!isMemoryError(error, 'LEASE_LOST')) throw error;
      staleRefused++;
    }
  }
}

// a start line: every process has opened the file before any agent claims anything
await adapter.records.put('ready', `w${worker}`, {}, { ttlMs: 600_000 });
while ((await adapter.records.list('ready')).length < Number(processes)) {
  await new Promise((resolve) => setTimeout(resolve, 5));
}

// agent a of every process starts at the same task: 8 processes contend for each task at once
const count = Number(agents);
const stride = Math.floor(Number(tasks) / count);
await Promise.all(Array.from({ length: count }, (_, a) => agent(`w${worker}-a${a}`, a * stride)));
await adapter.close();
process.stdout.write(JSON.stringify({ claims, completed, staleRefused, staleAccepted }));
