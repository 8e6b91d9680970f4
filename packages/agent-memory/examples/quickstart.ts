import { createMemory } from 'agent-memory';

const memory = await createMemory({
  redis: process.env.REDIS_URL, // omit (or unreachable): the embedded SQLite file, `memory.backend === 'sqlite'`
  namespace: 'my-project',
  patterns: { repo: './team-memory', init: true }, // a git repo; patterns in .agent-memory/patterns/
});
console.log(`memory on ${memory.backend}`);

// 1. Session context, with a TTL (1 h by default)
const session = await memory.sessions.start({
  userId: 'alice',
  project: 'shop',
  context: { goal: 'fix login' },
});

// 2. Sliding conversation window, newest first
const chat = memory.conversation('alice');
await chat.append({ role: 'user', content: 'The login bug is in src/auth.ts' });
const recent = await chat.recent(10);

// 3. Task claiming: exclusive, fenced, renewed on a heartbeat until released or completed
const claim = await memory.tasks.claim('review:src/auth.ts', 'agent-1', { leaseMs: 30_000 });
if (claim) {
  await memory.agent('agent-1').share('review:src/auth.ts', {
    agentId: 'agent-1',
    subject: 'src/auth.ts',
    verdict: 'bug',
    confidence: 0.9,
    summary: 'password compared with == after trimming',
  });
  await memory.tasks.complete(claim); // a stale fencing token is refused
}

// 4. Live events and the durable audit trail
const sub = await memory.events.subscribe((event) => console.log(event.event, event.agent_id));
const trail = await memory.audit({ taskId: 'review:src/auth.ts' });

// Long-term: search what the team learned
const hits = (await memory.patterns?.search('login password')) ?? [];

console.log({ session: session.id, recent: recent.length, audited: trail.length, patterns: hits.length });
console.log(await memory.status());
await sub.unsubscribe();
await memory.close(); // connections, timers and heartbeats released: the process exits by itself
