import type { MemoryLogger } from 'agent-memory';
import type { Output } from './output.js';

/**
 * agent-memory logs pino-style (`warn(obj, msg)`); a person at a terminal wants one readable line,
 * with the structured part only under --verbose.
 */
export function cliLogger(out: Output): MemoryLogger {
  const text = (obj: object | string, msg?: string): string => {
    if (typeof obj === 'string') return obj;
    const message = msg ?? '';
    return out.verbose ? `${message} ${JSON.stringify(obj)}`.trim() : message;
  };
  return {
    debug: (obj, msg) => out.debug(text(obj, msg)),
    info: (obj, msg) => out.debug(text(obj, msg)),
    warn: (obj, msg) => out.warn(text(obj, msg)),
    error: (obj, msg) => out.warn(text(obj, msg)),
  };
}
