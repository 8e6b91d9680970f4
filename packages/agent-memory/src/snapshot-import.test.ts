import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalAdapter } from '@agent-memory/local-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import type { MemoryLogger } from './logger.js';
import { silentLogger } from './logger.js';
import { importLocalSnapshot } from './snapshot-import.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('importLocalSnapshot', () => {
  it('moves every kind of item into the new store once, renames the file and says so in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-snapshot-import-'));
    dirs.push(dir);
    const path = join(dir, 'local-snapshot.json');
    const old = createLocalAdapter({ namespace: 'imp', snapshotPath: path });
    await old.sessions.start({ id: 's1', userId: 'bob', project: 'shop', context: { goal: 'x' } });
    await old.conversation.append('bob', { role: 'user', content: 'first' });
    await old.conversation.append('bob', { role: 'assistant', content: 'second' });
    await old.findings.append('t1', { agentId: 'a', subject: 'src/a.ts', verdict: 'bug', confidence: 0.9 });
    await old.log.append('audit', { event: 'task_claimed' });
    await old.records.put('done', 't1', { by: 'a' }, { ttlMs: 60_000 });
    await old.close();

    const target = createLocalAdapter({ namespace: 'imp' });
    const lines: string[] = [];
    const logger: MemoryLogger = { ...silentLogger, warn: (_obj, msg) => void lines.push(msg ?? '') };
    const report = await importLocalSnapshot(path, target, logger);
    expect(report).toMatchObject({ imported: 6, skipped: 0 });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.imported-'))).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path);
    expect(lines[0]).not.toContain('refused');

    expect((await target.sessions.get('s1'))?.context).toEqual({ goal: 'x' });
    expect((await target.conversation.recent('bob', 10)).map((m) => m.content)).toEqual(['second', 'first']);
    expect((await target.findings.list('t1')).map((f) => f.subject)).toEqual(['src/a.ts']);
    expect((await target.log.range('audit')).map((e) => e.data)).toEqual([{ event: 'task_claimed' }]);
    expect((await target.records.get('done', 't1'))?.value).toEqual({ by: 'a' });

    expect(await importLocalSnapshot(path, target, logger)).toBeNull();
    expect(lines).toHaveLength(1);
    await target.close();
  });

  it('does nothing without a snapshot file', async () => {
    const target = createLocalAdapter({ namespace: 'imp-none' });
    expect(
      await importLocalSnapshot(join(tmpdir(), 'no-such-snapshot.json'), target, silentLogger),
    ).toBeNull();
    await target.close();
  });
});
