import { type ErrorCode, issuePath, MemoryError, toMemoryError } from 'agent-memory';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-status.js';
import type { Colors } from './output.js';

export { EXIT_FAILURE, EXIT_USAGE } from './exit-status.js';

export function exitCodeFor(code: ErrorCode): number {
  return code === 'INVALID_INPUT' ? EXIT_USAGE : EXIT_FAILURE;
}

/** `error [CODE]: message`, one line; with verbose, the zod issues and the stack (with causes) follow. */
export function formatError(error: unknown, options: { verbose: boolean; colors: Colors }): string {
  const memoryError = toMemoryError(error);
  const head = `${options.colors.red('error')} [${memoryError.code}]: ${oneLine(memoryError.message)}`;
  if (!options.verbose) return head;
  const lines = [head];
  for (const issue of memoryError.issues) {
    lines.push(`  at ${issue.path.length > 0 ? issuePath(issue.path) : '(root)'}: ${issue.message}`);
  }
  let current: unknown = error;
  while (current instanceof Error) {
    if (current.stack) lines.push(options.colors.dim(current.stack));
    current = current.cause;
  }
  return lines.join('\n');
}

export function usageError(message: string, details?: Record<string, unknown>): MemoryError {
  return new MemoryError('INVALID_INPUT', message, details ? { details } : {});
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
