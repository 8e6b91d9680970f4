// The other process of the pub/sub tests, in one of three roles:
// - subscriber: subscribes to `news` and `jobs:*`, prints "ready", then one JSON line per message
//   received; a message `"bye"` makes it close and exit.
// - publisher: publishes `count` messages on `news` (once `"go"` arrives on `control`).
// - appender: appends `count` entries to the stream `audit`, then exits.
import type { BusMessage } from '@agent-memory/core';
import { createSqliteAdapter } from '../../src/index.js';

const [file, role, count] = process.argv.slice(2);
const adapter = createSqliteAdapter({ path: file!, namespace: 'xp', sweepIntervalMs: 0 });
const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (role === 'subscriber') {
  const onMessage = (message: BusMessage) => {
    print(message);
    if (message.payload === 'bye') void adapter.close();
  };
  await adapter.events.subscribe('news', onMessage);
  await adapter.events.psubscribe('jobs:*', onMessage);
  print('ready');
} else if (role === 'publisher') {
  await adapter.events.subscribe('control', async (message) => {
    if (message.payload !== 'go') return;
    const reached: number[] = [];
    for (let i = 0; i < Number(count); i++) reached.push(await adapter.events.publish('news', { i }));
    print({ reached });
    await adapter.close();
  });
  print('ready');
} else if (role === 'appender') {
  for (let i = 0; i < Number(count); i++) await adapter.log.append('audit', { i });
  await adapter.close();
} else {
  throw new Error(`unknown role ${role}`);
}
