import {
  type AdapterContext,
  isMemoryError,
  resolveAdapter,
  type ShortTermAdapter,
  toMemoryError,
} from '@agent-memory/core';
import { loadAdapterModules, loadConventionalAdapter } from './adapter-modules.js';
import { EMBEDDED_DEFAULT_KIND, registerBuiltinAdapters } from './builtin-adapters.js';
import type { MemoryConfig } from './config.js';
import type { MemoryLogger } from './logger.js';

/** What createMemory is given for the short-term layer instead of a kind name. */
export type ShortTermInput =
  | ShortTermAdapter
  | ((context: AdapterContext) => ShortTermAdapter | Promise<ShortTermAdapter>);

export interface ShortTermChoice {
  adapter: ShortTermAdapter;
  /** True when a configured network backend did not answer and the embedded default stands in. */
  degraded: boolean;
  /** Why it degraded (never contains credentials). */
  reason?: string;
}

export interface SelectOptions {
  /** An adapter instance or factory; wins over every config field. */
  shortTerm?: ShortTermInput | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/**
 * Chooses the short-term backend: the caller's adapter, else the configured kind through the
 * registry, else Redis when configured, else the embedded default. A network backend that does not
 * answer degrades to the embedded default with one warning that says why and how to fix it;
 * any other failure is thrown (an explicit choice never silently becomes something else).
 */
export async function selectShortTerm(
  config: MemoryConfig,
  logger: MemoryLogger,
  options: SelectOptions = {},
): Promise<ShortTermChoice> {
  const env = options.env ?? process.env;
  const context = (kind: string): AdapterContext => ({
    namespace: config.namespace,
    ttl: config.ttl,
    limits: config.limits,
    options: optionsFor(config, kind, logger),
    env,
  });
  if (options.shortTerm) {
    const given = options.shortTerm;
    const adapter = typeof given === 'function' ? await given(context('custom')) : given;
    return { adapter, degraded: false };
  }

  registerBuiltinAdapters();
  await loadAdapterModules(config.adapterModules, options.cwd);
  const kind = chosenKind(config);
  await loadConventionalAdapter(kind, options.cwd);
  const registration = resolveAdapter(kind);
  try {
    return { adapter: await registration.create(context(registration.kind)), degraded: false };
  } catch (error) {
    if (registration.scope !== 'network' || !isMemoryError(error, 'BACKEND_UNAVAILABLE')) {
      throw toMemoryError(error);
    }
    const fallback = resolveAdapter(EMBEDDED_DEFAULT_KIND);
    const adapter = await fallback.create(context(fallback.kind));
    const reason = error.message;
    logger.warn(
      { backend: fallback.kind, wanted: registration.kind },
      `${reason}; using ${fallback.description}. ` +
        'Start Redis (`agent-memory serve`, or `redis-server`) or fix AGENT_MEMORY_REDIS_URL to share it.',
    );
    return { adapter, degraded: true, reason };
  }
}

function chosenKind(config: MemoryConfig): string {
  if (config.forceLocal) return EMBEDDED_DEFAULT_KIND;
  if (config.backend) return config.backend;
  return config.redis !== undefined ? 'redis' : EMBEDDED_DEFAULT_KIND;
}

/** A kind's options: `backends[kind]`, merged over the built-ins' historical config fields. */
function optionsFor(config: MemoryConfig, kind: string, logger: MemoryLogger): Record<string, unknown> {
  const own = config.backends[kind] ?? {};
  if (kind === 'redis' && config.redis !== undefined) {
    return { ...(typeof config.redis === 'string' ? { url: config.redis } : config.redis), ...own };
  }
  if (kind === 'memory' && config.local.snapshotPath) {
    return { snapshotPath: config.local.snapshotPath, ...own };
  }
  if (kind === 'sqlite') {
    return {
      ...(config.sqlite.path ? { path: config.sqlite.path } : {}),
      ...(config.sqlite.synchronous ? { synchronous: config.sqlite.synchronous } : {}),
      ...(config.local.snapshotPath ? { importSnapshot: config.local.snapshotPath } : {}),
      logger,
      ...own,
    };
  }
  return own;
}
