import { performance } from 'node:perf_hooks';

/** Milliseconds per memory operation, e.g. `{ 'task.claim': [0.4, 0.6] }`; plain JSON so workers can send it over IPC. */
export type LatencySamples = Record<string, number[]>;

export interface LatencyRow {
  operation: string;
  calls: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Times every memory call the demo makes, so the summary can show what memory costs per operation. */
export class LatencyRecorder {
  readonly #samples = new Map<string, number[]>();

  /** Runs `call` and records how long it took, whether it resolved or threw. */
  async time<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      this.record(operation, performance.now() - started);
    }
  }

  record(operation: string, ms: number): void {
    const list = this.#samples.get(operation);
    if (list) list.push(ms);
    else this.#samples.set(operation, [ms]);
  }

  /** Adds samples recorded elsewhere (a worker process). */
  merge(samples: LatencySamples): void {
    for (const [operation, values] of Object.entries(samples)) {
      for (const ms of values) if (Number.isFinite(ms)) this.record(operation, ms);
    }
  }

  samples(): LatencySamples {
    return Object.fromEntries([...this.#samples].map(([op, values]) => [op, [...values]]));
  }

  /** One row per operation, sorted by name. */
  rows(): LatencyRow[] {
    return [...this.#samples]
      .map(([operation, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return {
          operation,
          calls: sorted.length,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted[sorted.length - 1] ?? 0,
        };
      })
      .sort((a, b) => a.operation.localeCompare(b.operation));
  }
}

/** Nearest-rank percentile of an ascending list (0 for an empty one). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
