import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findAdapter, MemoryError } from '@agent-memory/core';

const loaded = new Set<string>();

/**
 * Imports each module once so the adapters it contains register themselves (`registerAdapter()` at
 * import). Specifiers resolve from `cwd` first — a contributed adapter is installed in the user's
 * project, not beside agent-memory — then from here; paths are taken relative to `cwd`.
 */
export async function loadAdapterModules(modules: readonly string[], cwd = process.cwd()): Promise<void> {
  for (const specifier of modules) {
    const target = resolveSpecifier(specifier, cwd);
    if (loaded.has(target)) continue;
    try {
      await import(target);
      loaded.add(target);
    } catch (error) {
      throw new MemoryError(
        'INVALID_INPUT',
        `cannot load adapter module "${specifier}" (from AGENT_MEMORY_ADAPTERS or config "adapterModules"): ` +
          `${(error as Error).message}. Install it in this project or fix the path.`,
        { cause: error, details: { field: 'adapterModules', module: specifier } },
      );
    }
  }
}

/**
 * For a kind nobody registered, the packages that would by convention: `@agent-memory/<kind>-adapter`
 * and `agent-memory-adapter-<kind>`. Returns once one of them registered `kind`; missing ones are
 * not an error here (the registry's NOT_FOUND says what to install).
 */
export async function loadConventionalAdapter(kind: string, cwd = process.cwd()): Promise<void> {
  for (const specifier of [`@agent-memory/${kind}-adapter`, `agent-memory-adapter-${kind}`]) {
    if (findAdapter(kind)) return;
    let target: string;
    try {
      target = resolveSpecifier(specifier, cwd, true);
    } catch {
      continue;
    }
    await loadAdapterModules([target], cwd);
  }
}

function resolveSpecifier(specifier: string, cwd: string, strict = false): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    return pathToFileURL(resolve(cwd, specifier)).href;
  }
  try {
    return pathToFileURL(createRequire(join(cwd, 'noop.js')).resolve(specifier)).href;
  } catch (error) {
    if (strict) {
      // agent-memory's own dependencies (the built-in adapters) resolve from here.
      return import.meta.resolve(specifier);
    }
    void error;
    return specifier;
  }
}
