import { describe, expect, it } from 'vitest';
import { ratio } from './units.js';

describe('ratio', () => {
  it('prints two decimals, and three rounded away from a target the value is close to', () => {
    expect(ratio(1.0712)).toBe('1.07×');
    expect(ratio(0.7996, 0.8)).toBe('0.799×');
    expect(ratio(0.79999, 0.8)).toBe('0.799×');
    expect(ratio(0.8004, 0.8)).toBe('0.801×');
    expect(ratio(0.8, 0.8)).toBe('0.80×');
    expect(ratio(0.79, 0.8)).toBe('0.79×');
    expect(ratio(1.2049, 1.2)).toBe('1.205×');
    expect(ratio(1.1999, 1.2)).toBe('1.199×');
    expect(ratio(undefined)).toBe('–');
    expect(ratio(Number.NaN)).toBe('–');
  });
});
