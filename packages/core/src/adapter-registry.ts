import { MemoryError } from './errors.js';
import type { AdapterScope, ShortTermAdapter } from './ports/short-term-adapter.js';
import type { ShortTermConfig } from './schemas/config.js';

/** What a registered backend is opened with. */
export interface AdapterContext extends ShortTermConfig {
  /**
   * This backend's own settings: `config.backends[kind]` (for the built-ins also their historical
   * fields, e.g. `config.redis`). The registration validates them; unknown fields are its to refuse.
   */
  options: Record<string, unknown>;
  /** The environment to read backend-specific variables from (`process.env` unless a test passes one). */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * A short-term backend that config, `AGENT_MEMORY_BACKEND` and the CLI can select by name, with no
 * edit to the composition root: a package calls `registerAdapter()` when it is imported.
 */
export interface AdapterRegistration {
  /** The name people select it by, and the `kind` its adapters report. */
  readonly kind: string;
  /** Other names accepted for it (kept for old configs). */
  readonly aliases?: readonly string[];
  /** Who shares its memory. A `network` backend that rejects with BACKEND_UNAVAILABLE is degraded from. */
  readonly scope: AdapterScope;
  /** One line for `agent-memory backends` and error messages. */
  readonly description: string;
  /**
   * Opens an adapter. Reject with MemoryError BACKEND_UNAVAILABLE when the backend does not answer
   * (createMemory then falls back to the embedded default with one warning) and INVALID_INPUT for
   * bad options; never hang past the configured connect timeout.
   */
  create(context: AdapterContext): Promise<ShortTermAdapter>;
}

// One registry per process even when two copies of core are installed (a contributed adapter may
// resolve its own copy): the map hangs off a global symbol, not a module variable.
const REGISTRY_KEY = Symbol.for('agent-memory.adapter-registry');
type Registry = Map<string, AdapterRegistration>;

function registry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= new Map();
  return holder[REGISTRY_KEY];
}

const KIND = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Makes a backend selectable by `kind` (and its aliases). Registering the same registration again
 * is a no-op; another registration under a taken name is a CONFLICT, so two packages never
 * silently replace each other.
 */
export function registerAdapter(registration: AdapterRegistration): void {
  const names = [registration.kind, ...(registration.aliases ?? [])];
  for (const name of names) {
    if (!KIND.test(name)) {
      throw new MemoryError(
        'INVALID_INPUT',
        `adapter kind "${name}": must be 1-32 lowercase letters, digits or '-', starting with a letter`,
        { details: { field: 'kind' } },
      );
    }
    const taken = registry().get(name);
    if (taken && taken !== registration) {
      throw new MemoryError(
        'CONFLICT',
        `adapter kind "${name}" is already registered (${taken.description}); pick another kind`,
      );
    }
  }
  for (const name of names) registry().set(name, registration);
}

/** The registration for `kind` or one of its aliases, or undefined. */
export function findAdapter(kind: string): AdapterRegistration | undefined {
  return registry().get(kind);
}

/** Every registered backend, once each (aliases folded), in registration order. */
export function listAdapters(): AdapterRegistration[] {
  return [...new Set(registry().values())];
}

/** Removes a registration (tests and hot reload); true when it was there. */
export function unregisterAdapter(kind: string): boolean {
  const registration = registry().get(kind);
  if (!registration) return false;
  for (const name of [registration.kind, ...(registration.aliases ?? [])]) registry().delete(name);
  return true;
}

/** The registration for `kind`, or NOT_FOUND naming every registered kind and how to add one. */
export function resolveAdapter(kind: string): AdapterRegistration {
  const found = findAdapter(kind);
  if (found) return found;
  const known = listAdapters()
    .map((r) => r.kind)
    .join(', ');
  throw new MemoryError(
    'NOT_FOUND',
    `no short-term backend "${kind}" is registered (known: ${known || 'none'}). Install its package and ` +
      `list it in AGENT_MEMORY_ADAPTERS (or config "adapterModules") so it can register itself.`,
    { details: { field: 'backend' } },
  );
}
