import type { Command } from 'commander';

/** Options every command accepts, before or after the command name. */
export interface GlobalOptions {
  redis?: string;
  backend?: string;
  namespace?: string;
  patternsRepo?: string;
  local?: boolean;
  json?: boolean;
  verbose?: boolean;
  config?: string;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option(
      '--redis <url>',
      'Redis to use, e.g. redis://127.0.0.1:6379 (env AGENT_MEMORY_REDIS_URL, REDIS_URL)',
    )
    .option(
      '--backend <kind>',
      'short-term backend by registered kind: redis, memory, or a contributed one (env AGENT_MEMORY_BACKEND)',
    )
    .option('--namespace <name>', 'key prefix, so one Redis serves many projects (default agent-memory)')
    .option(
      '--patterns-repo <dir>',
      'git repository holding long-term patterns (default: the current directory)',
    )
    .option('--local', 'use the embedded SQLite file (shared by this machine) even if Redis is configured')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--verbose', 'more detail: debug logs and stack traces of errors')
    .option(
      '--config <file>',
      'config file (default: agent-memory.config.{ts,mjs,json} in the current directory)',
    );
}

export function globalOptionsOf(command: Command): GlobalOptions {
  const all = command.optsWithGlobals<GlobalOptions>();
  return {
    ...(all.redis !== undefined ? { redis: all.redis } : {}),
    ...(all.backend !== undefined ? { backend: all.backend } : {}),
    ...(all.namespace !== undefined ? { namespace: all.namespace } : {}),
    ...(all.patternsRepo !== undefined ? { patternsRepo: all.patternsRepo } : {}),
    ...(all.config !== undefined ? { config: all.config } : {}),
    local: all.local === true,
    json: all.json === true,
    verbose: all.verbose === true,
  };
}
