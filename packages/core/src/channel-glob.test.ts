import { describe, expect, it } from 'vitest';
import { globMatch } from './channel-glob.js';

describe('globMatch (Redis stringmatchlen)', () => {
  it.each([
    ['agent:*', 'agent:events', true],
    ['agent:*', 'agent:', true],
    ['agent:*', 'agents:x', false],
    ['*', 'anything:at:all', true],
    ['*:events', 'agent:events', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['a**b', 'ab', true],
    ['task:?', 'task:1', true],
    ['task:?', 'task:12', false],
    ['task:?', 'task:', false],
    ['t[ab]x', 'tax', true],
    ['t[ab]x', 'tcx', false],
    ['t[^ab]x', 'tcx', true],
    ['t[^ab]x', 'tax', false],
    ['v[0-9]', 'v7', true],
    ['v[9-0]', 'v7', true],
    ['v[0-9]', 'vx', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'aXb', false],
    ['[\\]]', ']', true],
    ['é?', 'éx', true],
    ['agent:[ab', 'agent:a', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['exact*', 'exact', true],
  ])('%j against %j is %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('stays fast on patterns that backtrack badly', () => {
    const started = Date.now();
    expect(globMatch(`${'*a'.repeat(20)}b`, 'a'.repeat(60))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
