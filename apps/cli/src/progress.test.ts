import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from './output.js';
import { startProgress } from './progress.js';

class Screen extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function output(options: { tty: boolean; json?: boolean }) {
  const stderr = new Screen(options.tty);
  const out = new Output(options.json ?? false, false, { stdout: new Screen(false), stderr, env: {} });
  return { out, stderr };
}

describe('progress bars', () => {
  it('draw on a terminal and finish at the total', () => {
    const { out, stderr } = output({ tty: true });
    const progress = startProgress(out, 'importing', 3);
    progress.tick(2);
    progress.tick();
    progress.stop();
    expect(stderr.text).toContain('importing [');
    expect(stderr.text).toContain('3/3');
  });

  it('stay silent when stderr is not a terminal, and with --json', () => {
    for (const options of [{ tty: false }, { tty: true, json: true }]) {
      const { out, stderr } = output(options);
      const progress = startProgress(out, 'importing', 3);
      progress.tick(3);
      progress.stop();
      expect(stderr.text).toBe('');
    }
  });
});
