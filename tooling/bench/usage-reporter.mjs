// Loaded with `node --import` into every process the start-up section times: at exit it writes the
// process's own resource usage (peak RSS, CPU) as one JSON line to file descriptor 3, which the
// bench reads. getrusage of the process itself, so no external `time` binary is needed. Plain
// JavaScript beside src/ and dist/, so the bench and its tests (which run src/) find the same file.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  try {
    writeSync(
      3,
      `${JSON.stringify({ maxRssKiB: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime })}\n`,
    );
  } catch {
    // Not started by the bench (no descriptor 3): nothing to report to.
  }
});
