import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatExpiry } from './time.js';

describe('time and size formatting', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(59_000)).toBe('59s');
    expect(formatDuration(252_000)).toBe('4m 12s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(3_930_000)).toBe('1h 5m');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 60_000)).toBe('2d 3h');
  });

  it('says when a lease expires', () => {
    expect(formatExpiry(10_000, 4_000)).toBe('in 6s');
    expect(formatExpiry(4_000, 10_000)).toBe('expired');
  });

  it('shows sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(964_608)).toBe('942 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});
