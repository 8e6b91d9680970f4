import cliProgress from 'cli-progress';
import type { Output } from './output.js';

export interface Progress {
  tick(by?: number): void;
  stop(): void;
}

const SILENT: Progress = { tick() {}, stop() {} };

/** A bar on stderr for long work; nothing at all when stderr is not a terminal or with --json. */
export function startProgress(out: Output, label: string, total: number): Progress {
  if (!out.interactive || total <= 1) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total}`,
      stream: out.stderr as NodeJS.WritableStream,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
