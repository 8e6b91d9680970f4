import { MemoryError } from '@agent-memory/core';
import { describe, expect, it } from 'vitest';
import { toBackendError } from './backend-error.js';

const reply = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });
const classify = (error: unknown) => toBackendError(error, { operation: 'GET', key: 'ns:k' }).code;

describe('toBackendError', () => {
  it('maps transport failures to BACKEND_UNAVAILABLE', () => {
    expect(classify(new Error('Command timed out'))).toBe('BACKEND_UNAVAILABLE');
    expect(classify(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'BACKEND_UNAVAILABLE',
    );
    expect(classify(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))).toBe(
      'BACKEND_UNAVAILABLE',
    );
    expect(classify(new Error('Connection is closed.'))).toBe('BACKEND_UNAVAILABLE');
    expect(classify(reply('LOADING Redis is loading the dataset in memory'))).toBe('BACKEND_UNAVAILABLE');
    expect(classify(reply('CLUSTERDOWN The cluster is down'))).toBe('BACKEND_UNAVAILABLE');
    expect(classify(reply('READONLY You can not write against a read only replica.'))).toBe(
      'BACKEND_UNAVAILABLE',
    );
  });

  it('maps wrong types and script corruption reports to CORRUPT_DATA', () => {
    expect(classify(reply('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(
      'CORRUPT_DATA',
    );
    expect(classify(reply('CORRUPT_DATA fence counter is not an integer: ns:task:{t}:fence'))).toBe(
      'CORRUPT_DATA',
    );
    expect(classify(reply('ERR user_script:5: CORRUPT_DATA fence counter is not an integer'))).toBe(
      'CORRUPT_DATA',
    );
  });

  it('maps missing groups, ACL refusals and the rest', () => {
    expect(classify(reply('NOGROUP No such key or consumer group'))).toBe('NOT_FOUND');
    expect(classify(reply("NOPERM this user has no permissions to run the 'xadd' command"))).toBe(
      'FORBIDDEN',
    );
    expect(classify(reply('WRONGPASS invalid username-password pair'))).toBe('FORBIDDEN');
    expect(classify(reply('ERR syntax error'))).toBe('INTERNAL');
    expect(classify(new TypeError('x is not a function'))).toBe('INTERNAL');
    expect(classify('a string')).toBe('INTERNAL');
  });

  it('names the operation and key, keeps the cause, passes MemoryErrors through', () => {
    const cause = new Error('Command timed out');
    const error = toBackendError(cause, { operation: 'HGETALL', key: 'ns:session:s1' });
    expect(error).toBeInstanceOf(MemoryError);
    expect(error.message).toContain('ns:session:s1');
    expect(error.details).toEqual({ operation: 'HGETALL', key: 'ns:session:s1' });
    expect(error.cause).toBe(cause);
    const own = new MemoryError('CONFLICT', 'x');
    expect(toBackendError(own, { operation: 'x' })).toBe(own);
  });
});
