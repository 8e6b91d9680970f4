import { createCoordinator } from '@agent-memory/coordination';
import { createLocalAdapter } from '@agent-memory/local-adapter';

// One in-process backend; with Redis, pass `await createRedisAdapter({ url, namespace })` instead.
const adapter = createLocalAdapter({ namespace: 'readme' });
const coordinator = createCoordinator({ adapter, leaseMs: 30_000 });

const alice = coordinator.agent('alice', { role: 'contributor' });
const bob = coordinator.agent('bob', { role: 'validator' });
await alice.join();
await bob.join();

// Bob follows everything that happens on `agent:events`.
const stop = new AbortController();
const stream = bob.events({ signal: stop.signal });
await stream.ready;
const log = (async () => {
  const seen: string[] = [];
  for await (const e of stream) seen.push(`${e.event} (${e.agent_id})`);
  return seen;
})();

// Alice claims the task: she gets a fencing token, Bob gets null while she holds it.
const claim = await alice.claim('review-auth');
if (!claim) throw new Error('someone else holds the task');
console.log('alice holds review-auth with token', claim.token);
console.log('bob tries too:', await bob.claim('review-auth'));
console.log(
  'alive:',
  (await bob.agents()).map((a) => `${a.agentId} holds [${a.holds.join(', ')}]`),
);

// They disagree about the same file: a conflict is recorded, and Bob (a validator) resolves it.
await alice.share('review-auth', {
  subject: 'src/auth.ts',
  verdict: 'sql-injection',
  confidence: 0.9,
  evidence: ['login() concatenates the user id into the query'],
});
await bob.share('review-auth', { subject: 'src/auth.ts', verdict: 'ok', confidence: 0.6 });
const [conflict] = await bob.conflicts({ taskId: 'review-auth' });
if (!conflict) throw new Error('expected a conflict');
console.log('conflict:', conflict.positions.map((p) => `${p.agentId}: ${p.verdict}`).join(' vs '));
await bob.resolveConflict(conflict.id, { reason: 'reproduced with a crafted id', verdict: 'sql-injection' });

// Alice completes the task with her token; a completion with a stale token would be refused.
const done = await alice.complete(claim, { fixed: true });
console.log('completed by', done.agentId, 'with token', done.token);

// Her finding becomes a candidate pattern; a validator promotes it once a PatternStore is configured.
const findings = await bob.findings('review-auth');
const candidate = await alice.stage({
  taskId: 'review-auth',
  findingIds: [findings[0]!.id],
  kind: 'security-decision',
});
console.log('staged', candidate.pattern.title);

await alice.leave();
await bob.leave();
stop.abort();
console.log('events:', await log);
console.log('audit trail:', (await bob.audit({ taskId: 'review-auth' })).length, 'steps');
await coordinator.close();
await adapter.close();
