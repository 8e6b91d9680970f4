import { describe, expect, it } from 'vitest';
import { Deadlines } from './deadlines.js';

describe('Deadlines', () => {
  it('passes answers and errors through and forgets the call', async () => {
    const deadlines = new Deadlines(5);
    expect(await deadlines.bound(Promise.resolve(7), 1000)).toBe(7);
    await expect(deadlines.bound(Promise.reject(new Error('no')), 1000)).rejects.toThrow('no');
    expect(deadlines.size).toBe(0);
  });

  it('fails a call that never answers, and drops its late answer', async () => {
    const deadlines = new Deadlines(5);
    let answerLate: (error: Error) => void = () => {};
    const never = new Promise<number>((_, reject) => {
      answerLate = reject;
    });
    const answered = deadlines.bound(Promise.resolve(1), 20);
    await expect(deadlines.bound(never, 20)).rejects.toThrow(/timed out: no reply within 20 ms/);
    expect(await answered).toBe(1);
    expect(deadlines.size).toBe(0);
    // a rejection after the deadline must not surface as an unhandled rejection
    answerLate(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
