import { MemoryError } from 'agent-memory';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, formatError } from './error-report.js';
import { plainColors } from './output.js';

describe('error report', () => {
  it('is one line with the code, and exit 2 only for INVALID_INPUT', () => {
    const error = new MemoryError('LEASE_LOST', 'lease on task "t"\nwas lost');
    expect(formatError(error, { verbose: false, colors: plainColors })).toBe(
      'error [LEASE_LOST]: lease on task "t" was lost',
    );
    expect(exitCodeFor('INVALID_INPUT')).toBe(2);
    expect(exitCodeFor('LEASE_LOST')).toBe(1);
    expect(exitCodeFor('BACKEND_UNAVAILABLE')).toBe(1);
  });

  it('reports anything else as INTERNAL', () => {
    expect(formatError(new TypeError('boom'), { verbose: false, colors: plainColors })).toBe(
      'error [INTERNAL]: boom',
    );
  });

  it('adds zod issues and the stack with its causes when verbose', () => {
    const cause = new Error('socket closed');
    const error = new MemoryError('BACKEND_UNAVAILABLE', 'redis is gone', { cause });
    const text = formatError(error, { verbose: true, colors: plainColors });
    const lines = text.split('\n');
    expect(lines[0]).toBe('error [BACKEND_UNAVAILABLE]: redis is gone');
    expect(text).toContain('MemoryError: redis is gone');
    expect(text).toContain('Error: socket closed');
  });
});
