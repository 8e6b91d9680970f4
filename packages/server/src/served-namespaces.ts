import type { Memory } from 'agent-memory';
import { MemoryError, NamespaceSchema, parseInput, toMemoryError } from 'agent-memory';
import type { AgentRolesInput } from './agent-roles.js';
import { type Caller, describeCaller, mayUseNamespace } from './auth/caller.js';
import { createServerContext, type ServerContext } from './server-context.js';

/** Opens the memory of one more namespace the server serves. */
export type NamespaceOpener = (namespace: string) => Promise<Memory>;

export interface ServedNamespacesOptions extends AgentRolesInput {
  /** Namespaces served beside the default one (the memory's own). */
  namespaces?: readonly string[];
  /** How their memory is opened (first use); by default like the default one's, see decision 0016. */
  open?: NamespaceOpener;
  secrets?: readonly string[];
}

/**
 * The namespaces one server serves, each with its own memory, acting agents and claims. A request
 * names its namespace (or gets the default); a credential reaches only those it lists.
 */
export class ServedNamespaces {
  readonly defaultNamespace: string;
  readonly names: readonly string[];
  readonly #contexts = new Map<string, Promise<ServerContext>>();
  readonly #opened: Memory[] = [];
  readonly #options: ServedNamespacesOptions;

  constructor(memory: Memory, options: ServedNamespacesOptions = {}) {
    const { namespaces = [], open: _open, secrets = [], ...roles } = options;
    this.#options = options;
    this.defaultNamespace = memory.namespace;
    const extra = namespaces.map((ns) => parseInput(NamespaceSchema, ns, 'served namespace'));
    this.names = [...new Set([memory.namespace, ...extra])];
    this.#contexts.set(memory.namespace, Promise.resolve(createServerContext(memory, { ...roles, secrets })));
  }

  /** The served namespaces `caller` may use, the default first. */
  permitted(caller: Caller): string[] {
    return this.names.filter((ns) => mayUseNamespace(caller, ns));
  }

  /**
   * The context of the namespace a request names (the default when it names none). FORBIDDEN when
   * the credential does not list it, NOT_FOUND when this server does not serve it.
   */
  async scope(caller: Caller, requested: string | undefined): Promise<ServerContext> {
    const namespace = requested ?? this.defaultNamespace;
    if (!mayUseNamespace(caller, namespace)) {
      const allowed = caller.namespaces === 'all' ? [] : caller.namespaces;
      throw new MemoryError(
        'FORBIDDEN',
        `${describeCaller(caller)} may not use namespace "${namespace}"; it may use: ${allowed.join(', ') || 'none'}` +
          (requested === undefined
            ? ' (name one with the X-Agent-Memory-Namespace header or ?namespace=)'
            : ''),
        { details: { namespace, credential: caller.credentialId } },
      );
    }
    const existing = this.#contexts.get(namespace);
    if (existing) return existing;
    if (!this.names.includes(namespace)) {
      throw new MemoryError(
        'NOT_FOUND',
        `namespace "${namespace}" is not served here; served: ${this.permitted(caller).join(', ')}`,
        { details: { namespace } },
      );
    }
    const opening = this.#open(namespace);
    this.#contexts.set(namespace, opening);
    opening.catch(() => this.#contexts.delete(namespace));
    return opening;
  }

  /** Every agent that acted through the server leaves; memories this server opened are closed. */
  async close(): Promise<void> {
    const contexts = await Promise.allSettled([...this.#contexts.values()]);
    await Promise.allSettled(
      contexts.map((c) => (c.status === 'fulfilled' ? c.value.agents.leaveAll() : undefined)),
    );
    await Promise.allSettled(this.#opened.splice(0).map((memory) => memory.close()));
  }

  async #open(namespace: string): Promise<ServerContext> {
    const { open, namespaces: _n, secrets = [], ...roles } = this.#options;
    if (!open) {
      throw new MemoryError('INTERNAL', `no way to open namespace "${namespace}": pass the open option`);
    }
    let memory: Memory;
    try {
      memory = await open(namespace);
    } catch (error) {
      throw toMemoryError(error, 'BACKEND_UNAVAILABLE', `opening namespace "${namespace}"`);
    }
    this.#opened.push(memory);
    return createServerContext(memory, { ...roles, secrets });
  }
}
