import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { RedisChatMessageHistory } from '@langchain/redis';
import { createClient } from 'redis';
import type { Contender } from '../operation-spec.js';
import type { RedisTarget } from '../redis-target.js';
import { sampleMessage } from '../sample-data.js';

export interface LangchainWindow {
  contender: Contender;
  close(): Promise<void>;
}

/**
 * The peer for context retrieval: LangChain's Redis chat history (on node-redis, its own client),
 * holding the same messages as ours for the same number of users. It has no "newest N": reading
 * the last 10 means reading the whole window (LRANGE 0 -1) and slicing.
 */
export async function prepareLangchainWindow(
  target: RedisTarget,
  users: number,
  windowLength: number,
): Promise<LangchainWindow> {
  const client = createClient({ url: target.url });
  client.on('error', () => {});
  await client.connect();
  const histories = Array.from(
    { length: users },
    (_, i) => new RedisChatMessageHistory({ sessionId: `${target.namespace}:langchain:user-${i}`, client }),
  );
  await Promise.all(
    histories.map((history) =>
      history.addMessages(
        Array.from({ length: windowLength }, (_, n) => {
          const { role, content } = sampleMessage(n);
          return role === 'user' ? new HumanMessage(content) : new AIMessage(content);
        }),
      ),
    ),
  );
  return {
    contender: {
      impl: 'peer',
      label: '@langchain/redis chat history',
      op: async (i) => (await histories[i % users]!.getMessages()).slice(-10),
    },
    async close() {
      await client.quit();
    },
  };
}
