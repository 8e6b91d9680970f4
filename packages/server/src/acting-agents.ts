import type { Agent, Memory } from 'agent-memory';
import { assertId, MemoryError, toMemoryError } from 'agent-memory';
import { type AgentRoles, type AgentRolesInput, parseAgentRoles, type RoleName } from './agent-roles.js';

/** The id memory's own read-only handle uses; reads through the server share it. */
const READER_ID = 'agent-memory-reader';

/**
 * The agents acting through one server process. Each agent gets its handle with the role the server
 * assigns, and joins (presence heartbeat) the first time it acts, so the dashboard and `status` show
 * it alive, with the tasks it holds, for as long as the server runs.
 */
export class ActingAgents {
  readonly roles: AgentRoles;
  readonly #memory: Memory;
  readonly #joined = new Map<string, Promise<unknown>>();

  constructor(memory: Memory, roles: AgentRolesInput = {}) {
    this.#memory = memory;
    this.roles = parseAgentRoles(roles);
  }

  roleOf(agentId: string): RoleName {
    return this.roles.roles[agentId] ?? this.roles.defaultRole;
  }

  /** Writing long-term patterns directly takes a contributor at least, like sharing a finding. */
  assertMayWrite(agentId: string): void {
    const id = assertId(agentId, 'agent id');
    const role = this.roleOf(id);
    if (role !== 'observer') return;
    throw new MemoryError('FORBIDDEN', `agent "${id}" (observer) may not write patterns`, {
      details: { agentId: id, role },
    });
  }

  /** The handle through which `agentId` acts; it joins on first use. */
  async act(agentId: string): Promise<Agent> {
    const id = assertId(agentId, 'agent id');
    const agent = this.#memory.agent(id, { role: this.roleOf(id) });
    let joining = this.#joined.get(id);
    if (!joining) {
      joining = agent.join({ via: 'agent-memory-server' });
      this.#joined.set(id, joining);
      joining.catch(() => this.#joined.delete(id));
    }
    await joining;
    return agent;
  }

  /** A read-only handle: reads never need presence. */
  reader(): Agent {
    return this.#memory.agent(READER_ID, { role: 'observer' });
  }

  /** The held claim handle of this process, if `agentId` claimed `taskId` through it. */
  heldClaim(taskId: string, agentId: string) {
    if (!this.#joined.has(agentId)) return undefined;
    return this.#memory
      .agent(agentId)
      .held()
      .find((claim) => claim.taskId === taskId);
  }

  /** Every joined agent leaves: claims handed back at once instead of lapsing, presence removed. */
  async leaveAll(): Promise<void> {
    const ids = [...this.#joined.keys()];
    this.#joined.clear();
    await Promise.allSettled(
      ids.map(async (id) => {
        try {
          await this.#memory.agent(id).leave();
        } catch (error) {
          throw toMemoryError(error);
        }
      }),
    );
  }
}
