import { describe, expect, it } from 'vitest';
import { jsonByteBound } from './json-size.js';

describe('jsonByteBound', () => {
  it('is never below the UTF-8 length of the JSON text', () => {
    const values: unknown[] = [
      null,
      true,
      false,
      0,
      -0,
      -1.2345678901234567e-308,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      '',
      'plain',
      '"quotes" and \\ backslashes',
      '\u0000\u0001\u001f control',
      'é ü 漢字',
      '😀🚀',
      '\ud800 lone \udfff surrogates',
      [],
      {},
      [1, 'a', null, [true, { x: [] }]],
      { 'key "with" quotes': 'v', '\n': ['\t'], 漢: { '😀': 1 } },
      { a: undefined, b: [undefined] },
    ];
    for (const value of values) {
      const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
      expect(jsonByteBound(value), JSON.stringify(value)).toBeGreaterThanOrEqual(bytes);
    }
  });

  it('gives up (Infinity) on very deep nesting rather than recursing on', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(jsonByteBound(deep)).toBe(Number.POSITIVE_INFINITY);
  });
});
