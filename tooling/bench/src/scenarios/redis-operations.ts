import { createCoordinator } from '@agent-memory/coordination';
import { createKeyspace, MemoryError } from '@agent-memory/core';
import { createRedisAdapter, type RedisAdapter } from '@agent-memory/redis-adapter';
import { Mutex } from 'redis-semaphore';
import { DESIGN_FIGURES, type OperationSpec } from '../operation-spec.js';
import { ReceiptWaiter } from '../receipt-waiter.js';
import type { RedisTarget } from '../redis-target.js';
import { agentEvent, FINDING, rawFinding, SESSION_CONTEXT, sampleMessage } from '../sample-data.js';
import { prepareLangchainWindow } from './langchain-window.js';

/** Sessions and windows the read operations cycle through, like agents reading their own. */
export const WORKING_SET = 64;
const WINDOW = 100;
const LEASE_MS = 60_000;
// Short TTLs keep a run's keys from outliving it, even on a server the run did not start.
const TTL = {
  sessionMs: 600_000,
  windowMs: 600_000,
  findingsMs: 600_000,
  fenceMs: 600_000,
  leaseMs: LEASE_MS,
};

export interface RedisOperations {
  specs: OperationSpec[];
  adapter: RedisAdapter;
  close(): Promise<void>;
}

/** The four operations of the design notes (plus a bare claim), each by us, raw ioredis and peers. */
export async function prepareRedisOperations(target: RedisTarget): Promise<RedisOperations> {
  const { namespace } = target;
  const keys = createKeyspace(namespace);
  const adapter = createRedisAdapter({ url: target.url, namespace, ttl: TTL });
  const raw = target.connect();
  const rawSubscriber = target.connect({ autoPipelining: false });
  const coordinator = createCoordinator({ adapter, leaseMs: LEASE_MS, onError: () => {} });
  const agent = coordinator.agent('agent-a', { role: 'contributor' });

  const sessionIds: string[] = [];
  const users: string[] = [];
  for (let i = 0; i < WORKING_SET; i++) {
    const session = await adapter.sessions.start({
      id: `s-${i}`,
      userId: `user-${i}`,
      project: '/repos/checkout-service',
      context: SESSION_CONTEXT,
    });
    sessionIds.push(session.id);
    users.push(`user-${i}`);
    await adapter.conversation.appendMany(
      `user-${i}`,
      Array.from({ length: WINDOW }, (_, n) => sampleMessage(n)),
    );
  }

  const langchain = await prepareLangchainWindow(target, WORKING_SET, WINDOW);

  const oursWaiter = new ReceiptWaiter();
  const oursSubscription = await adapter.events.subscribe('bench:ours', (message) => {
    const payload = message.payload as { seq?: unknown };
    oursWaiter.deliver(payload.seq);
  });
  const rawWaiter = new ReceiptWaiter();
  const rawChannel = `${namespace}:bench:raw`;
  rawSubscriber.on('message', (_channel: string, text: string) => {
    rawWaiter.deliver((JSON.parse(text) as { seq?: unknown }).seq);
  });
  await rawSubscriber.subscribe(rawChannel);

  let seq = 0;
  const counters = { ours: 0, raw: 0, peer: 0, coord: 0, claimOurs: 0, claimRaw: 0, claimPeer: 0 };
  const expectClaimed = (claimed: unknown, task: string) => {
    if (!claimed) throw new MemoryError('CONFLICT', `bench task ${task} was unexpectedly held`);
  };
  const rawShare = (task: string, n: number) => {
    const findings = keys.taskFindings(task);
    return raw
      .multi()
      .lpush(findings, rawFinding(task, n))
      .ltrim(findings, 0, 9999)
      .pexpire(findings, TTL.findingsMs)
      .exec();
  };
  const mutex = (task: string) =>
    new Mutex(raw, `${namespace}:task:{${task}}`, {
      lockTimeout: LEASE_MS,
      acquireAttemptsLimit: 1,
      refreshInterval: 0,
    });

  const specs: OperationSpec[] = [
    {
      id: 'session-read',
      title: 'Session context read',
      what: 'ours: sessions.get (HGETALL + validation); raw: HGETALL + JSON.parse(context)',
      reference: DESIGN_FIGURES['session-read']!,
      contenders: [
        {
          impl: 'ours',
          label: 'agent-memory',
          op: (i) => adapter.sessions.get(sessionIds[i % WORKING_SET]!),
        },
        {
          impl: 'raw',
          label: 'raw ioredis',
          op: async (i) => {
            const hash = await raw.hgetall(keys.session(sessionIds[i % WORKING_SET]!));
            return { ...hash, context: JSON.parse(hash.context ?? '{}') };
          },
        },
      ],
    },
    {
      id: 'coordination-write',
      title: 'Agent coordination write (claim + share finding)',
      what:
        'ours: leases.acquire (1 Lua script: SET NX PX, INCR fence, PEXPIRE) then findings.append ' +
        '(1 Lua script: LPUSH LTRIM PEXPIRE); raw: SET NX PX, then MULTI INCR PEXPIRE LPUSH LTRIM PEXPIRE; ' +
        'peer: redis-semaphore Mutex.tryAcquire (SET NX PX, no fencing) then the raw MULTI LPUSH LTRIM PEXPIRE; ' +
        'coordination: agent.claim + agent.share (completion checks, audit stream, events, conflict check)',
      reference: DESIGN_FIGURES['coordination-write']!,
      contenders: [
        {
          impl: 'ours',
          label: 'agent-memory',
          op: async () => {
            const task = `cw-ours-${counters.ours++}`;
            expectClaimed(await adapter.leases.acquire(task, 'agent-a', LEASE_MS), task);
            return adapter.findings.append(task, FINDING);
          },
        },
        {
          impl: 'raw',
          label: 'raw ioredis',
          op: async () => {
            const n = counters.raw++;
            const task = `cw-raw-${n}`;
            expectClaimed(await raw.set(keys.taskOwner(task), 'agent-a', 'PX', LEASE_MS, 'NX'), task);
            const findings = keys.taskFindings(task);
            const fence = keys.taskFence(task);
            return raw
              .multi()
              .incr(fence)
              .pexpire(fence, TTL.fenceMs)
              .lpush(findings, rawFinding(task, n))
              .ltrim(findings, 0, 9999)
              .pexpire(findings, TTL.findingsMs)
              .exec();
          },
        },
        {
          impl: 'peer',
          label: 'redis-semaphore + LPUSH',
          op: async () => {
            const n = counters.peer++;
            const task = `cw-peer-${n}`;
            expectClaimed(await mutex(task).tryAcquire(), task);
            return rawShare(task, n);
          },
        },
        {
          impl: 'coordination',
          label: 'coordination claim + share',
          op: async () => {
            const task = `cw-coord-${counters.coord++}`;
            const claim = await agent.claim(task, { heartbeat: false });
            expectClaimed(claim, task);
            return agent.share(task, FINDING);
          },
        },
      ],
    },
    {
      id: 'pubsub',
      title: 'Pub/sub message (publish → received by a subscriber)',
      what: 'ours: events.publish → subscribe handler (JSON validated); raw: PUBLISH → "message" + JSON.parse',
      reference: DESIGN_FIGURES.pubsub!,
      contenders: [
        {
          impl: 'ours',
          label: 'agent-memory',
          op: async () => {
            const n = seq++;
            const received = oursWaiter.wait(n);
            await adapter.events.publish('bench:ours', agentEvent(n));
            return received;
          },
        },
        {
          impl: 'raw',
          label: 'raw ioredis',
          op: async () => {
            const n = seq++;
            const received = rawWaiter.wait(n);
            await raw.publish(rawChannel, JSON.stringify(agentEvent(n)));
            return received;
          },
        },
      ],
    },
    {
      id: 'context-retrieval',
      title: 'Memory context retrieval (last 10 of a 100-message window)',
      what:
        'ours: conversation.recent(user, 10) (LRANGE 0 9 + validation); raw: LRANGE 0 9 + JSON.parse each; ' +
        'peer: @langchain/redis RedisChatMessageHistory.getMessages() on node-redis (LRANGE 0 -1: it has no ' +
        '"newest N", so it reads all 100 messages) + slice(-10)',
      reference: DESIGN_FIGURES['context-retrieval']!,
      contenders: [
        {
          impl: 'ours',
          label: 'agent-memory',
          op: (i) => adapter.conversation.recent(users[i % WORKING_SET]!, 10),
        },
        {
          impl: 'raw',
          label: 'raw ioredis',
          op: async (i) => {
            const items = await raw.lrange(keys.messages(users[i % WORKING_SET]!), 0, 9);
            return items.map((item) => JSON.parse(item) as unknown);
          },
        },
        langchain.contender,
      ],
    },
    {
      id: 'claim',
      title: 'Task claim alone (lock acquire)',
      what:
        'ours: leases.acquire (SET NX PX + fencing token in one Lua script); raw: SET NX PX; ' +
        'peer: redis-semaphore Mutex.tryAcquire (SET NX PX)',
      reference: null,
      contenders: [
        {
          impl: 'ours',
          label: 'agent-memory',
          op: async () => {
            const task = `cl-ours-${counters.claimOurs++}`;
            expectClaimed(await adapter.leases.acquire(task, 'agent-a', LEASE_MS), task);
          },
        },
        {
          impl: 'raw',
          label: 'raw ioredis',
          op: async () => {
            const task = `cl-raw-${counters.claimRaw++}`;
            expectClaimed(await raw.set(keys.taskOwner(task), 'agent-a', 'PX', LEASE_MS, 'NX'), task);
          },
        },
        {
          impl: 'peer',
          label: 'redis-semaphore',
          op: async () => {
            const task = `cl-peer-${counters.claimPeer++}`;
            expectClaimed(await mutex(task).tryAcquire(), task);
          },
        },
      ],
    },
  ];

  return {
    specs,
    adapter,
    async close() {
      await coordinator.close();
      await oursSubscription.unsubscribe();
      await adapter.close();
      await langchain.close();
    },
  };
}
