import { userInfo } from 'node:os';
import { MemoryError } from 'agent-memory';

/** Who "I" am when --user is omitted: AGENT_MEMORY_USER, else the login name. */
export function resolveUser(given: string | undefined, env: NodeJS.ProcessEnv): string {
  const user = given ?? env.AGENT_MEMORY_USER ?? loginName(env);
  if (!user) throw new MemoryError('INVALID_INPUT', 'who is this? pass --user <id> or set AGENT_MEMORY_USER');
  return user;
}

/** The agent a CLI call acts as when --agent is omitted: AGENT_MEMORY_AGENT, else the user. */
export function resolveAgent(given: string | undefined, env: NodeJS.ProcessEnv): string {
  const agent = given ?? env.AGENT_MEMORY_AGENT ?? env.AGENT_MEMORY_USER ?? loginName(env);
  if (!agent)
    throw new MemoryError('INVALID_INPUT', 'which agent? pass --agent <id> or set AGENT_MEMORY_AGENT');
  return agent;
}

function loginName(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return userInfo().username || env.USER || undefined;
  } catch {
    return env.USER || undefined;
  }
}
