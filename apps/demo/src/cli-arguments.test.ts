import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-arguments.js';

describe('parseCliArguments', () => {
  it('maps flags onto runDemo options', () => {
    expect(
      parseCliArguments([
        '--runs',
        '1',
        '--redis',
        'redis://127.0.0.1:6380',
        '--patterns-dir',
        '/tmp/p',
        '--seed',
        '9',
        '--lease-ms',
        '900',
        '--no-kill',
        '--no-color',
      ]),
    ).toEqual({
      help: false,
      options: {
        runs: 1,
        redis: 'redis://127.0.0.1:6380',
        patternsDir: '/tmp/p',
        seed: 9,
        leaseMs: 900,
        kill: false,
        color: false,
      },
    });
    expect(parseCliArguments([])).toEqual({ help: false, options: {} });
    expect(parseCliArguments(['-h'])).toEqual({ help: true });
  });

  it('takes an optional count after --processes', () => {
    expect(parseCliArguments(['--processes'])).toEqual({ help: false, options: { processes: 4 } });
    expect(parseCliArguments(['--processes', '6', '--local'])).toEqual({
      help: false,
      options: { processes: 6, local: true },
    });
  });

  it('names the flag that is wrong', () => {
    expect(() => parseCliArguments(['--seed', 'abc'])).toThrow(/--seed/);
    expect(() => parseCliArguments(['--bogus'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseCliArguments(['stray'])).toThrow(/unexpected argument "stray"/);
  });
});
