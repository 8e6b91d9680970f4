import { describePatterns, redactRedisUrl } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli } from '../command-runtime.js';
import { EXIT_FAILURE } from '../error-report.js';
import { backendIsDown, renderStatus } from '../format/status-report.js';

export function configure(command: Command, cli: Cli): void {
  command
    .addHelpText(
      'after',
      `
Exits with 1 when the configured backend is down: Redis configured but unreachable (memory fell
back to the local backend), or a backend that does not answer. Keys are counted with SCAN, never KEYS.

Examples:
  $ agent-memory status
  $ agent-memory status --redis redis://127.0.0.1:6379 --namespace shop
  $ agent-memory status --json | jq .store.details`,
    )
    .action(
      action(cli, async (rt) => {
        // Patterns are described from git, not opened: status starts no store, index or lock only to
        // stop it again, and the git calls overlap the backend's round trips.
        const config = await rt.config({ patterns: true });
        const memory = await rt.open({ ...config, patterns: false });
        const [status, patterns] = await Promise.all([memory.status(), describePatterns(config.patterns)]);
        status.patterns = patterns;
        const url = typeof memory.config.redis === 'string' ? redactRedisUrl(memory.config.redis) : undefined;
        rt.out.result({ ...status, ...(url && status.backend === 'redis' ? { url } : {}) }, (_, c) =>
          renderStatus(status, c, url),
        );
        if (backendIsDown(status)) rt.exitCode = EXIT_FAILURE;
      }),
    );
}
