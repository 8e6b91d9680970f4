import type { Agent, Memory } from 'agent-memory';
import { assertId, MemoryError, toMemoryError } from 'agent-memory';
import { type AgentRoles, type AgentRolesInput, parseAgentRoles, type RoleName } from './agent-roles.js';
import { type Caller, describeCaller } from './auth/caller.js';

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

  /**
   * The agent a call acts as: the credential's own. An `agentId` argument is optional then and must
   * name that same agent (FORBIDDEN otherwise). The admin token names no agent, so its calls must.
   */
  agentIdFor(caller: Caller, given: string | undefined): string {
    if (caller.agentId === undefined) {
      if (given === undefined) {
        throw new MemoryError(
          'INVALID_INPUT',
          'agentId is required: the admin token acts as no agent of its own',
          {
            details: { field: 'agentId' },
          },
        );
      }
      return assertId(given, 'agent id');
    }
    if (given !== undefined && given !== caller.agentId) {
      throw new MemoryError(
        'FORBIDDEN',
        `${describeCaller(caller)} acts as agent "${caller.agentId}", not "${given}": omit agentId or pass "${caller.agentId}"`,
        { details: { agentId: given, credentialAgentId: caller.agentId, credential: caller.credentialId } },
      );
    }
    return caller.agentId;
  }

  /**
   * The agent a message is attributed to: with a credential bound to an agent, that agent (another
   * is FORBIDDEN); with the admin token, whatever was given, if anything.
   */
  speakerFor(caller: Caller, given: string | undefined): string | undefined {
    if (caller.agentId === undefined) return given;
    return this.agentIdFor(caller, given);
  }

  /** The role a call gets: the credential's, or for the admin token the server's setting for the agent. */
  roleFor(caller: Caller, agentId: string): RoleName {
    return caller.role ?? this.roleOf(agentId);
  }

  /** Writing long-term patterns directly takes a contributor at least, like sharing a finding. */
  assertMayWrite(caller: Caller, given: string | undefined): string {
    const id = this.agentIdFor(caller, given);
    const role = this.roleFor(caller, id);
    if (role !== 'observer') return id;
    throw new MemoryError('FORBIDDEN', `agent "${id}" (observer) may not write patterns`, {
      details: { agentId: id, role },
    });
  }

  /** The handle through which the caller acts (as `given`, for the admin token); it joins on first use. */
  async act(caller: Caller, given?: string): Promise<Agent> {
    const id = this.agentIdFor(caller, given);
    const role = this.roleFor(caller, id);
    let agent: Agent;
    try {
      agent = this.#memory.agent(id, { role });
    } catch (error) {
      // One handle per agent id and process, with one role: a second credential for the same agent
      // with another role cannot act until the server restarts.
      throw new MemoryError(
        'FORBIDDEN',
        `agent "${id}" already acts with another role in this server; ${describeCaller(caller)} carries ${role}. ` +
          'Give every credential of one agent id the same role (a change takes effect after a restart).',
        { cause: error, details: { agentId: id, role } },
      );
    }
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
