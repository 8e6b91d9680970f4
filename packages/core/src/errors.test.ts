import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isMemoryError, MemoryError, toMemoryError } from './errors.js';
import { JsonObjectSchema, JsonValueSchema, jsonDepthWithin, MAX_JSON_DEPTH } from './schemas/json.js';
import { SessionStartSchema } from './schemas/session.js';
import { jsonByteLength, parseInput } from './validation.js';

describe('errors and validation', () => {
  it('wraps foreign errors, keeping the cause', () => {
    const cause = new Error('ECONNREFUSED');
    const wrapped = toMemoryError(cause, 'BACKEND_UNAVAILABLE', 'redis');
    expect(wrapped).toBeInstanceOf(MemoryError);
    expect(wrapped.code).toBe('BACKEND_UNAVAILABLE');
    expect(wrapped.message).toBe('redis: ECONNREFUSED');
    expect(wrapped.cause).toBe(cause);
    expect(toMemoryError(wrapped)).toBe(wrapped);
  });

  it('turns zod failures into INVALID_INPUT naming the field', () => {
    try {
      parseInput(SessionStartSchema, { userId: 'u', context: { a: () => 1 } }, 'session');
      throw new Error('should have thrown');
    } catch (error) {
      expect(isMemoryError(error, 'INVALID_INPUT')).toBe(true);
      const e = error as MemoryError;
      expect(e.message).toContain('context.a');
      expect(e.issues.length).toBeGreaterThan(0);
    }
  });

  it('names a symbol key in the path instead of throwing a TypeError', () => {
    const context = { ok: 1, [Symbol('secret')]: 'x' };
    expect(() => parseInput(SessionStartSchema, { userId: 'u', context }, 'session')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('Symbol(secret)') }),
    );
  });

  it('refuses non-finite numbers in JSON values', () => {
    expect(() =>
      parseInput(z.object({ n: z.number().refine(Number.isFinite) }), { n: Number.NaN }, 'x'),
    ).toThrow(MemoryError);
  });

  it('measures JSON size in UTF-8 bytes', () => {
    expect(jsonByteLength('é')).toBe(4);
    expect(jsonByteLength({ a: 1 })).toBe(7);
  });
});

describe('deep JSON', () => {
  const deep = (n: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < n; i++) value = { d: value };
    return value;
  };

  it('refuses JSON nested past MAX_JSON_DEPTH with INVALID_INPUT, without overflowing the stack', () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 2_000, 20_000]) {
      expect(() => parseInput(JsonObjectSchema, deep(depth), 'context')).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('deeper than') }),
      );
      expect(() => parseInput(JsonValueSchema, [deep(depth)], 'value')).toThrow(MemoryError);
    }
  });

  it('accepts JSON up to the limit', () => {
    expect(parseInput(JsonObjectSchema, deep(MAX_JSON_DEPTH), 'context')).toEqual(deep(MAX_JSON_DEPTH));
    expect(jsonDepthWithin({ a: [1, { b: 2 }] }, 3)).toBe(true);
    expect(jsonDepthWithin({ a: [1, { b: {} }] }, 2)).toBe(false);
  });
});
