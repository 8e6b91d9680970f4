// Every test file gets its own data home, so nothing a test opens by default (the embedded
// database, the server token, serve's Redis data) touches the developer's real files or another
// test file's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.XDG_DATA_HOME = mkdtempSync(join(tmpdir(), 'am-test-home-'));
delete process.env.AGENT_MEMORY_SQLITE;
