// The other process of the cross-process pub/sub measurement: subscribes to `bench-xp` on the
// SQLite file given, prints "ready", then for each message prints `<seq> <hrtime ns>` the moment
// it arrives. process.hrtime is the system's monotonic clock, the same in both processes.
import { createSqliteAdapter } from '@agent-memory/sqlite-adapter';

const adapter = createSqliteAdapter({ path: process.argv[2]!, namespace: 'bench', sweepIntervalMs: 0 });
await adapter.events.subscribe('bench-xp', (message) => {
  const { seq } = message.payload as { seq: number };
  process.stdout.write(`${seq} ${process.hrtime.bigint()}\n`);
});
process.stdout.write('ready\n');
// the parent closes stdin when it is done
process.stdin.resume();
process.stdin.on('end', () => {
  void adapter.close().then(() => process.exit(0));
});
