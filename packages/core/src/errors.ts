import type { z } from 'zod';

/** Stable error codes: callers branch on these, never on messages. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'LEASE_LOST',
  'BACKEND_UNAVAILABLE',
  'CONFLICT',
  'TOO_LARGE',
  'FORBIDDEN',
  'CORRUPT_DATA',
  'CLOSED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface MemoryErrorOptions {
  cause?: unknown;
  /** zod issues when the error comes from validation. */
  issues?: z.core.$ZodIssue[];
  /** Extra machine-readable context (the key, the limit, the current owner…). Never credentials. */
  details?: Record<string, unknown>;
}

/** The only error type a public function of agent-memory throws. */
export class MemoryError extends Error {
  override readonly name = 'MemoryError';
  readonly code: ErrorCode;
  readonly issues: z.core.$ZodIssue[];
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: MemoryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      issues: this.issues,
      details: this.details,
    };
  }
}

export function isMemoryError(value: unknown, code?: ErrorCode): value is MemoryError {
  return value instanceof MemoryError && (code === undefined || value.code === code);
}

/** Wraps anything thrown by a backend so no raw driver error escapes a public API. */
export function toMemoryError(
  error: unknown,
  fallback: ErrorCode = 'INTERNAL',
  message?: string,
): MemoryError {
  if (error instanceof MemoryError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new MemoryError(fallback, message ? `${message}: ${text}` : text, { cause: error });
}
