import { describe, expect, it } from 'vitest';
import { createKeyspace, vectorKeys } from './keys.js';
import { kindOfKey } from './wire-key-kind.js';

describe('kindOfKey', () => {
  const keys = createKeyspace('team:a');
  it('recognises every key the keyspace builds', () => {
    expect(kindOfKey(keys, keys.session('s:1'))).toBe('sessions');
    expect(kindOfKey(keys, keys.messages('u'))).toBe('windows');
    expect(kindOfKey(keys, keys.taskOwner('t'))).toBe('leases');
    expect(kindOfKey(keys, keys.taskFence('t'))).toBe('fences');
    expect(kindOfKey(keys, keys.taskFindings('t'))).toBe('findings');
    for (const key of Object.values(vectorKeys(keys, 'patterns')))
      expect(kindOfKey(keys, key)).toBe('vectors');
    expect(kindOfKey(keys, keys.stream('s'))).toBe('streams');
    expect(kindOfKey(keys, keys.record('c', 'r'))).toBe('records');
    expect(kindOfKey(keys, keys.recordIndex('c'))).toBe('recordIndexes');
    expect(kindOfKey(keys, 'team:a:something-else')).toBe('other');
  });

  it('builds record keys as the index key plus ":<id>" (record_list.lua relies on it)', () => {
    expect(keys.record('c', 'r:1')).toBe(`${keys.recordIndex('c')}:r:1`);
  });
});
