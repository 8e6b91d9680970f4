// Writes without end (until killed) and prints "ack <i>" after each call returned: a window
// message, a record and a log entry per round. The parent SIGKILLs it mid-run and checks that
// every acknowledged write is in the file.
import { createSqliteAdapter } from '../../src/index.js';

const [file, synchronous] = process.argv.slice(2);
const adapter = createSqliteAdapter({
  path: file!,
  namespace: 'writer',
  synchronous: synchronous === 'full' ? 'full' : 'normal',
  limits: { windowLength: 100_000, eventLogMaxLength: 1_000_000 },
});

for (let i = 0; ; i++) {
  await adapter.conversation.append('writer', { role: 'user', content: `message ${i}` });
  process.stdout.write(`ack message ${i}\n`);
  await adapter.records.put('acks', `r-${i}`, { i, text: 'x'.repeat(i % 500) }, { ttlMs: 600_000 });
  process.stdout.write(`ack record ${i}\n`);
  await adapter.log.append('writes', { i });
  process.stdout.write(`ack log ${i}\n`);
}
