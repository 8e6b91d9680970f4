import { describe, expect, it } from 'vitest';
import { scrubCredentials, scrubDeep } from './credential-scrub.js';

describe('scrubCredentials', () => {
  it('removes URL userinfo, bearer tokens, key=value secrets and given secrets', () => {
    expect(scrubCredentials('Redis at redis://user:hunter2@db:6379 is down')).toBe(
      'Redis at redis://***@db:6379 is down',
    );
    expect(scrubCredentials('sent Authorization: Bearer abc.def-123')).toBe('sent Authorization: Bearer ***');
    expect(scrubCredentials('password=hunter2 and api_key: "xyz"')).toBe('password=*** and api_key: "***"');
    expect(scrubCredentials('token is tok-0123456789abcdef here', ['tok-0123456789abcdef'])).toBe(
      'token is *** here',
    );
  });

  it('leaves ordinary messages alone', () => {
    const message = 'invalid task id "a b": must not contain whitespace';
    expect(scrubCredentials(message)).toBe(message);
  });

  it('scrubs every string of a nested value', () => {
    expect(scrubDeep({ a: ['redis://:pw@h:1'], b: { c: 1, d: 'ok' } })).toEqual({
      a: ['redis://***@h:1'],
      b: { c: 1, d: 'ok' },
    });
  });
});
