import { createRequire } from 'node:module';
import type pinoModule from 'pino';

const require = createRequire(import.meta.url);

/** The subset of a logger agent-memory calls; pino, console-like wrappers and test spies all fit. */
export interface MemoryLogger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** pino to stderr, so a CLI's stdout stays clean for --json output. */
export function defaultLogger(level = process.env.AGENT_MEMORY_LOG_LEVEL ?? 'warn'): MemoryLogger {
  // Required on first use, not imported: callers that bring their own logger (the CLI) never load pino.
  const pino = require('pino') as typeof pinoModule;
  return pino({ name: 'agent-memory', level }, pino.destination(2));
}

export const silentLogger: MemoryLogger = { debug() {}, info() {}, warn() {}, error() {} };
