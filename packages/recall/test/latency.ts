export interface Latency {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  /** CPU time this process spent per run (user + system): less sensitive than wall time to other processes' load. */
  cpuMs: number;
}

/** Runs `step` `runs` times after `warmup` unmeasured runs; wall-clock percentiles in ms. */
export async function measureLatency(
  step: (i: number) => Promise<unknown>,
  runs: number,
  warmup = 20,
): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await step(i);
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await step(i);
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    runs,
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    meanMs: round(times.reduce((a, b) => a + b, 0) / runs),
    cpuMs: round((cpu.user + cpu.system) / 1000 / runs),
  };
}
