// A separate OS process saving patterns into a shared repository (run by concurrency.test.ts).
// argv: <repo> <worker number> <how many saves>. Prints the saved ids as JSON on success.
import { createGitPatternStore } from '../../src/index.js';

const [repo, worker, countText] = process.argv.slice(2);
if (!repo || !worker || !countText) throw new Error('usage: save-worker <repo> <worker> <count>');

const store = await createGitPatternStore({ repo, lockTimeoutMs: 120_000 });
const ids: string[] = [];
for (let i = 0; i < Number(countText); i++) {
  const saved = await store.save(
    {
      kind: 'bug-fix',
      title: `Worker ${worker} finding ${i}`,
      summary: `Saved by process ${worker} as its save number ${i}.`,
      tags: [`worker-${worker}`],
      author: `worker-${worker}`,
    },
    { agentId: `worker-${worker}`, sessionId: `session-${worker}` },
  );
  ids.push(saved.id);
}
await store.close();
process.stdout.write(JSON.stringify(ids));
