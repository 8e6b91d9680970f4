// A separate OS process saving patterns until it is killed (run by src/git-faults.test.ts).
// argv: <repo> <label>. Prints each committed id on its own line, so the parent knows how far it got.
import { createGitPatternStore } from '@agent-memory/git-patterns';

const [repo, label] = process.argv.slice(2);
if (!repo || !label) throw new Error('usage: save-loop-worker <repo> <label>');

const store = await createGitPatternStore({ repo, lockStaleMs: 2000, lockTimeoutMs: 30_000 });
for (let i = 0; ; i++) {
  const saved = await store.save(
    {
      kind: 'bug-fix',
      title: `${label} finding ${i}`,
      summary: `Saved by ${label} as its save number ${i}; the body is long enough to take a few writes.`,
      body: `Line of detail ${i}.\n`.repeat(200),
      tags: [label],
      author: label,
    },
    { agentId: label, sessionId: `session-${label}` },
  );
  process.stdout.write(`${saved.id}\n`);
}
