import { describe, expect, it } from 'vitest';
import { ServerClock } from './server-clock.js';

/** A fake local clock and a fake server `offset` ms ahead whose TIME reply takes `rtt` ms. */
function fixture(offset: number, rtt: number) {
  let local = 1_700_000_000_000;
  let calls = 0;
  const clock = new ServerClock(
    async () => {
      calls++;
      local += rtt / 2;
      const server = local + offset;
      local += rtt / 2;
      return [String(Math.floor(server / 1000)), String((server % 1000) * 1000)];
    },
    () => local,
  );
  return {
    clock,
    advance: (ms: number) => {
      local += ms;
    },
    local: () => local,
    calls: () => calls,
  };
}

describe('ServerClock', () => {
  it("follows the server's clock when it is off by more than the round trip", async () => {
    const f = fixture(5_000, 2);
    expect((await f.clock.now()) - f.local()).toBe(5_000);
    f.advance(1_000);
    expect((await f.clock.now()) - f.local()).toBe(5_000);
    expect(f.calls()).toBe(1);
  });

  it('treats an offset within the measurement error as none', async () => {
    const f = fixture(1, 4);
    expect(await f.clock.now()).toBe(f.local());
  });

  it('measures again after a minute, once for concurrent callers', async () => {
    const f = fixture(-3_000, 0);
    await Promise.all([f.clock.now(), f.clock.now(), f.clock.now()]);
    expect(f.calls()).toBe(1);
    f.advance(61_000);
    await f.clock.now();
    expect(f.calls()).toBe(2);
  });
});
