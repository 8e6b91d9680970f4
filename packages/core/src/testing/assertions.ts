import { type ErrorCode, isMemoryError, type MemoryError } from '../errors.js';
import { TimestampSchema } from '../schemas/json.js';
import { StreamIdSchema } from '../schemas/log-entry.js';

/**
 * Ids every port must refuse with INVALID_INPUT: empty, glob characters, whitespace, hash-tag
 * braces, too long, and values that are not strings at all.
 */
export const BAD_IDS: readonly unknown[] = [
  '',
  'a*b',
  'a?b',
  'a[b]',
  'a b',
  'a\nb',
  '{x}',
  'x'.repeat(200),
  42,
  null,
  undefined,
  {},
];

/** A string that makes any stored value larger than `maxValueBytes`. */
export function oversize(maxValueBytes: number): string {
  return 'x'.repeat(maxValueBytes + 1024);
}

/** Shows a bad value in a failure message without printing 200 characters. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return String(value);
  }
}

/**
 * Calls `action` and requires a rejected promise carrying a MemoryError with one of `codes`.
 * A synchronous throw fails too: ports return promises, and callers chain `.catch()` on them.
 */
export async function expectMemoryError(
  label: string,
  action: () => unknown,
  codes: ErrorCode | readonly ErrorCode[],
): Promise<MemoryError> {
  const allowed: readonly ErrorCode[] = typeof codes === 'string' ? [codes] : codes;
  const wanted = allowed.join(' or ');
  let result: unknown;
  try {
    result = action();
  } catch (error) {
    throw new Error(`${label}: threw synchronously (${describeError(error)}) instead of rejecting`);
  }
  if (!isThenable(result)) throw new Error(`${label}: did not return a promise`);
  try {
    await result;
  } catch (error) {
    if (!isMemoryError(error))
      throw new Error(`${label}: expected MemoryError ${wanted}, got ${describeError(error)}`);
    if (!allowed.includes(error.code)) {
      throw new Error(`${label}: expected ${wanted}, got ${error.code} (${error.message})`);
    }
    return error;
  }
  throw new Error(`${label}: expected MemoryError ${wanted}, but it resolved`);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return show(error);
}

/** A call that must be refused, for the bad-input tables of the suites. */
export interface BadCall {
  label: string;
  call: () => unknown;
  codes?: ErrorCode | readonly ErrorCode[];
}

/** Runs every bad call in order; each must reject with its codes (INVALID_INPUT by default). */
export async function expectAllRejected(calls: readonly BadCall[]): Promise<void> {
  for (const { label, call, codes } of calls) await expectMemoryError(label, call, codes ?? 'INVALID_INPUT');
}

/** One bad call per bad id, for a method whose id argument is being tested. */
export function badIdCalls(method: string, call: (badId: never) => unknown): BadCall[] {
  return BAD_IDS.map((id) => ({ label: `${method}(${show(id)})`, call: () => call(id as never) }));
}

/** Polls `predicate` until it holds; fails after `timeoutMs`. No timing is asserted, only arrival. */
export async function waitFor(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${what} did not hold within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isTimestamp(value: unknown): boolean {
  return TimestampSchema.safeParse(value).success;
}

export function isStreamId(value: unknown): boolean {
  return StreamIdSchema.safeParse(value).success;
}

/** Milliseconds of a stream id (`<ms>-<seq>`). */
export function streamIdMs(id: string): number {
  return Number(id.split('-')[0]);
}
