import pino from 'pino';

/** The subset of a logger agent-memory calls; pino, console-like wrappers and test spies all fit. */
export interface MemoryLogger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** pino to stderr, so a CLI's stdout stays clean for --json output. */
export function defaultLogger(level = process.env.AGENT_MEMORY_LOG_LEVEL ?? 'warn'): MemoryLogger {
  return pino({ name: 'agent-memory', level }, pino.destination(2));
}

export const silentLogger: MemoryLogger = { debug() {}, info() {}, warn() {}, error() {} };
