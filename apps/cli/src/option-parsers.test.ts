import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  collect,
  collectKeyValue,
  parseConfidence,
  parseDuration,
  parseInstant,
  parseJsonObject,
  parseJsonValue,
  parsePositiveInt,
} from './option-parsers.js';

describe('option parsers', () => {
  it('reads durations with units or as milliseconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('250')).toBe(250);
    for (const bad of ['', '0', '-5s', '5 minutes', 'abc']) {
      expect(() => parseDuration(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('reads whole numbers and confidences', () => {
    expect(parsePositiveInt('12')).toBe(12);
    for (const bad of ['0', '1.5', '-1', 'x', ''])
      expect(() => parsePositiveInt(bad), bad).toThrow(InvalidArgumentError);
    expect(parseConfidence('0.75')).toBe(0.75);
    for (const bad of ['1.1', '-0.1', '', 'high'])
      expect(() => parseConfidence(bad), bad).toThrow(InvalidArgumentError);
  });

  it('reads JSON objects and values', () => {
    expect(parseJsonObject('{"goal":"fix"}')).toEqual({ goal: 'fix' });
    expect(() => parseJsonObject('[1]')).toThrow(/JSON object/);
    expect(() => parseJsonObject('{nope')).toThrow(/must be JSON/);
    expect(parseJsonValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonValue('42')).toBe(42);
    expect(parseJsonValue('done')).toBe('done');
  });

  it('collects repeated options', () => {
    expect(collectKeyValue('b=2=3', collectKeyValue('a=1'))).toEqual({ a: '1', b: '2=3' });
    expect(() => collectKeyValue('novalue')).toThrow(InvalidArgumentError);
    expect(collect('y', collect('x'))).toEqual(['x', 'y']);
  });

  it('reads instants as ISO times, epoch ms, or ages', () => {
    const now = () => Date.parse('2025-12-01T12:00:00.000Z');
    expect(parseInstant('2h', now)).toBe('2025-12-01T10:00:00.000Z');
    expect(parseInstant('2025-11-30T08:00:00Z', now)).toBe('2025-11-30T08:00:00.000Z');
    expect(parseInstant('1764590400000', now)).toBe('2025-12-01T12:00:00.000Z');
    for (const bad of ['yesterday', '12', ''])
      expect(() => parseInstant(bad, now), bad).toThrow(InvalidArgumentError);
  });
});
