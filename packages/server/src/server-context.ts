import type { Memory } from 'agent-memory';
import { ActingAgents } from './acting-agents.js';
import type { AgentRolesInput } from './agent-roles.js';
import { SessionDirectory } from './session-directory.js';
import { TaskOperations } from './task-operations.js';

/** What the MCP tools and the HTTP routes of one server process share. */
export interface ServerContext {
  readonly memory: Memory;
  readonly agents: ActingAgents;
  readonly sessions: SessionDirectory;
  readonly tasks: TaskOperations;
  /** Strings never to be sent out (the access token), scrubbed from errors. */
  readonly secrets: readonly string[];
}

export interface ServerContextOptions extends AgentRolesInput {
  secrets?: readonly string[];
}

export function createServerContext(memory: Memory, options: ServerContextOptions = {}): ServerContext {
  const { secrets = [], ...roles } = options;
  const agents = new ActingAgents(memory, roles);
  return {
    memory,
    agents,
    sessions: new SessionDirectory(memory),
    tasks: new TaskOperations(memory, agents),
    secrets,
  };
}
