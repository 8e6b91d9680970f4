import type { MemoryConfig } from 'agent-memory';

/**
 * The config of another namespace served beside the default one: the same backend and settings,
 * and long-term patterns in a folder of their own (`<patterns dir>/namespaces/<ns>`), so tenants
 * share neither short-term keys nor patterns (decision 0016).
 */
export function namespaceConfig(config: MemoryConfig, namespace: string): MemoryConfig {
  const patterns =
    config.patterns === false
      ? false
      : { ...config.patterns, dir: `${config.patterns.dir}/namespaces/${namespace}` };
  return { ...config, namespace, patterns };
}
