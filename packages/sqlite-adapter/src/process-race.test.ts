import { afterAll, describe, expect, it } from 'vitest';
import { Workers } from '../test/child-process.js';
import { useTempDir } from '../test/temp-dir.js';
import { createSqliteAdapter } from './index.js';

// 8 real OS processes × 4 agents race over 200 tasks on one file, through the ports only
// (test/workers/race-worker.ts). Leases are the only thing keeping two agents off one task.
const PROCESSES = 8;
const AGENTS = 4;
const TASKS = 200;

const temp = useTempDir('race');
const workers = new Workers(temp.dir);
afterAll(() => workers.killAll());

interface Report {
  claims: { task: string; token: number }[];
  completed: string[];
  staleRefused: number;
  staleAccepted: number;
}

describe('processes racing over tasks on one file', () => {
  it(`${PROCESSES} processes × ${AGENTS} agents, ${TASKS} tasks: each completed exactly once`, async () => {
    const file = temp.file('race');
    // the first open creates the schema; the workers race on everything else
    await createSqliteAdapter({ path: file }).close();
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, w) =>
        workers.run('race-worker', [file, String(w), String(AGENTS), String(TASKS), String(PROCESSES)]),
      ),
    );
    const reports = outputs.map((out) => JSON.parse(out) as Report);

    const completed = reports.flatMap((r) => r.completed);
    expect(completed).toHaveLength(TASKS);
    expect(new Set(completed).size).toBe(TASKS);

    // every claim of a task got its own fencing token, whichever process asked
    const claims = reports.flatMap((r) => r.claims);
    const tokens = new Map<string, number[]>();
    for (const { task, token } of claims) tokens.set(task, [...(tokens.get(task) ?? []), token]);
    for (const list of tokens.values()) {
      expect(new Set(list).size).toBe(list.length);
      expect([...list].sort((a, b) => a - b)).toEqual(list.map((_, i) => i + 1));
    }
    // replayed (stale) tokens: every one refused, renew and release alike
    expect(reports.reduce((n, r) => n + r.staleAccepted, 0)).toBe(0);
    expect(reports.reduce((n, r) => n + r.staleRefused, 0)).toBe(2 * claims.length);

    const reader = createSqliteAdapter({ path: file, namespace: 'race' });
    try {
      for (let t = 0; t < TASKS; t++) {
        const findings = await reader.findings.list(`task-${t}`);
        expect(findings).toHaveLength(1);
        const done = await reader.records.get('done', `task-${t}`);
        expect(done?.value).toEqual({ agentId: findings[0]!.agentId, token: findings[0]!.data?.token });
        expect(await reader.leases.get(`task-${t}`)).toBeNull();
      }
    } finally {
      await reader.close();
    }
  });
});
