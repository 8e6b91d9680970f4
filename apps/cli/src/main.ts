#!/usr/bin/env node
import { runCli } from './run-cli.js';

// `agent-memory audit | head -1`: the reader going away is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await runCli(process.argv);
process.exitCode = code;
// Commands close everything they open, so the process ends by itself; should a driver still hold a
// socket (a reconnect in flight), the shell must not hang on it.
setTimeout(() => process.exit(code), 3000).unref();
