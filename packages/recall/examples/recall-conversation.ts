import { createLocalAdapter } from '@agent-memory/local-adapter';
import { createLocalEmbedder, createRecall } from '@agent-memory/recall';

// The local adapter keeps everything in process; createRedisAdapter({ url }) has the same ports,
// with the vectors stored in Redis beside the conversation and expiring with it.
const adapter = createLocalAdapter();
const recall = createRecall({
  embedder: createLocalEmbedder(), // or createOpenAIEmbedder({ url, model, dimensions, apiKey })
  vectors: adapter.vectors,
  conversation: adapter.conversation,
});

await adapter.conversation.appendMany('alice', [
  { role: 'user', content: 'The login page takes six seconds to respond' },
  { role: 'assistant', content: 'bcrypt runs with cost 14 on every sign-in; cost 12 is enough' },
  { role: 'user', content: 'Kafka broker disks are almost full' },
]);

// No word of the query appears in the first message: the vector side finds it anyway.
const hits = await recall.recall('why is authentication sluggish?', {
  scope: 'conversation',
  userId: 'alice',
  k: 2,
});
for (const hit of hits) {
  if (hit.source === 'message') console.log(hit.ranks, hit.message.content);
}
await adapter.close();
