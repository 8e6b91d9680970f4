import { describe, expect, it } from 'vitest';
import { isMemoryError } from './errors.js';
import { createKeyspace, DEFAULT_NAMESPACE } from './keys.js';

function expectInvalid(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(isMemoryError(error, 'INVALID_INPUT')).toBe(true);
    return;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('keyspace', () => {
  const keys = createKeyspace('proj');

  it('builds the wire-protocol keys under the namespace', () => {
    expect(keys.session('s1')).toBe('proj:session:s1');
    expect(keys.messages('u1')).toBe('proj:memory:u1:messages');
    expect(keys.taskOwner('t1')).toBe('proj:task:{t1}:owner');
    expect(keys.taskFence('t1')).toBe('proj:task:{t1}:fence');
    expect(keys.taskFindings('t1')).toBe('proj:task:{t1}:findings');
    expect(keys.stream('audit')).toBe('proj:stream:{audit}');
    expect(keys.record('agents', 'a1')).toBe('proj:rec:{agents}:a1');
    expect(keys.recordIndex('agents')).toBe('proj:rec:{agents}');
    expect(keys.channel('agent:events')).toBe('proj:agent:events');
    expect(keys.channelPattern('agent:*')).toBe('proj:agent:*');
    expect(keys.localChannel('proj:agent:events')).toBe('agent:events');
    expect(keys.everything).toBe('proj:*');
  });

  it('defaults the namespace', () => {
    expect(createKeyspace().session('x')).toBe(`${DEFAULT_NAMESPACE}:session:x`);
  });

  it.each([
    '',
    'a*b',
    'a?b',
    'a[b',
    'a]b',
    'a{b',
    'a}b',
    'a b',
    'a\nb',
    'a\tb',
    'a\u0000b',
    'a\u007fb',
    'x'.repeat(129),
  ])('rejects the id %j with INVALID_INPUT', (bad) => {
    expectInvalid(() => keys.session(bad));
    expectInvalid(() => keys.taskOwner(bad));
  });

  it('rejects non-string ids', () => {
    expectInvalid(() => keys.session(42 as unknown as string));
    expectInvalid(() => keys.session(undefined as unknown as string));
  });

  it('accepts ids with colons, dots, unicode and 128 characters', () => {
    expect(keys.session('a:b.c-d_é')).toBe('proj:session:a:b.c-d_é');
    expect(keys.session('x'.repeat(128))).toHaveLength('proj:session:'.length + 128);
  });

  it('rejects bad namespaces and channel patterns', () => {
    expectInvalid(() => createKeyspace('bad ns'));
    expectInvalid(() => createKeyspace('ns:'));
    expectInvalid(() => createKeyspace('{slot}'));
    expectInvalid(() => keys.channelPattern('a{b}'));
    expectInvalid(() => keys.channelPattern(''));
    expectInvalid(() => keys.channel('agent:*'));
  });
});
