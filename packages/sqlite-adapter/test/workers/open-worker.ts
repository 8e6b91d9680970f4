// Opens the file and writes one session; prints {"ok":true} or the MemoryError it got. The fault
// tests run it as an unprivileged user where the test runs as root (root ignores permissions).
import { isMemoryError } from '@agent-memory/core';
import { createSqliteAdapter } from '../../src/index.js';

const [file] = process.argv.slice(2);
try {
  const adapter = createSqliteAdapter({ path: file! });
  await adapter.sessions.start({ userId: 'u' });
  await adapter.close();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (error) {
  if (!isMemoryError(error)) throw error;
  process.stdout.write(JSON.stringify({ code: error.code, message: error.message, details: error.details }));
}
